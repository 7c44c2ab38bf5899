/** Money: income, benefits, taxes, banking and debts. */
export const money = `
## services
money,cash,financial help,financial assistance,emergency cash,emergency financial assistance=dinero,efectivo,ayuda economica,ayuda financiera,ayuda con dinero,plata,lana@mx,feria@mx,chavos@cb,pisto@ca,billete,necesito dinero
benefits,public benefits,government benefits,apply for benefits=beneficios,beneficios publicos,ayuda del gobierno,aplicar para beneficios,solicitar beneficios,asistencia publica
cash aid,tanf,welfare,calworks,cash assistance=ayuda en efectivo,asistencia en efectivo,welfare,calworks,bienestar social,ayuda del condado,el welfare
general assistance,general relief=asistencia general,ayuda general
ssi,ssdi,disability benefits,social security disability=ssi,beneficios por discapacidad,incapacidad del seguro social,cheque de discapacidad
social security,retirement,pension=seguro social,jubilacion,retiro,pension de retiro
taxes,tax return,tax preparation,free tax help,vita,file taxes,eitc,earned income credit,child tax credit=impuestos,taxes,declaracion de impuestos,preparacion de impuestos,hacer los taxes,declarar impuestos,credito por ingreso,credito tributario por hijos,reembolso de impuestos
budget,budgeting,financial coaching,financial counseling,money management=presupuesto,coach financiero,asesoria financiera,administrar dinero,manejo de dinero,educacion financiera
credit,credit score,credit report,credit repair=credito,puntaje de credito,reporte de credito,reparar credito,historial de credito
bank account,checking account,savings account,bank,banking,credit union=cuenta de banco,cuenta bancaria,cuenta de cheques,cuenta de ahorros,banco,cooperativa de credito
debt,debts,loans,payday loan,loan=deuda,deudas,prestamo,prestamos,prestamista,empeño
money transfer,remittance,send money=envio de dinero,remesa,remesas,mandar dinero,giro
savings,save money,ida=ahorro,ahorros,ahorrar
child care subsidy=subsidio de cuidado infantil
## life events
funeral,funeral costs,burial,cremation,death=funeral,funeraria,entierro,sepelio,cremacion,velorio,gastos funerarios,muerte,velatorio,traslado de restos,repatriacion de restos
emergency bills,crisis help,one time help=cuentas urgentes,ayuda de una vez,ayuda de emergencia economica
`;
