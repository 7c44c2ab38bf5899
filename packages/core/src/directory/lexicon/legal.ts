/** Legal help, immigration, courts, and the documents people need. */
export const legal = `
## services
legal aid,legal help,legal services,free lawyer,legal advice,legal clinic=asesoria legal,ayuda legal,servicios legales,abogado gratis,consejo legal,asistencia legal,clinica legal,orientacion legal
lawyer,attorney,lawyers,attorneys=abogado,abogada,abogados,licenciado@mx,licenciada@mx,defensor,representante legal
court,court forms,self help center,small claims,judge,hearing date=corte,tribunal,juzgado,formularios de la corte,centro de autoayuda,reclamos menores,juez,cita en la corte
immigration,immigration help,immigration lawyer,immigration services,undocumented,immigrant,immigrants=inmigracion,migracion,ayuda de inmigracion,abogado de inmigracion,indocumentado,inmigrante,inmigrantes,sin papeles,papeles,arreglar papeles,migra
daca,dreamers,dream act=daca,sonadores,dreamers
green card,permanent residence,residency,lpr=tarjeta verde,residencia,residencia permanente,mica@mx,green card,residente
citizenship,naturalization,become a citizen,citizenship test,civics test=ciudadania,naturalizacion,hacerme ciudadano,examen de ciudadania,clases de ciudadania,hacerse ciudadano
asylum,refugee,refugees,tps,temporary protected status=asilo,refugiado,refugiados,tps,estatus de proteccion temporal,asilado
deportation,detention,removal,immigration court=deportacion,deportar,detencion,detenido por inmigracion,la migra,corte de inmigracion,orden de deportacion
visa,u visa,t visa,vawa=visa,visa u,visa t,vawa
know your rights,raids,rapid response=conozca sus derechos,derechos,redadas,respuesta rapida,mis derechos
notario fraud,immigration fraud,scam,scams,fraud=fraude de notario,notario,fraude,estafa,estafas,enganaron
consulate,mexican consulate,consular id,matricula,passport=consulado,consulado mexicano,matricula consular,pasaporte,pasaporte mexicano
public charge=carga publica
## family law
divorce,separation=divorcio,separacion,divorciarme,separarme
custody,child custody,visitation=custodia,custodia de los hijos,patria potestad
child support,paternity=pension alimenticia,manutencion,manutencion de ninos,paternidad,la pension
restraining order,protective order,protection order=orden de restriccion,orden de proteccion,orden de alejamiento
guardianship,power of attorney=tutela,custodia legal,poder notarial,carta poder
wills,estate planning=testamento,herencia
## criminal records
expungement,record clearance,clean record,criminal record,seal record=borrar antecedentes,limpiar record,antecedentes penales,record criminal,expurgar,limpiar antecedentes,borrar mi record
probation,parole,reentry,released from jail,prison=libertad condicional,probatoria,reingreso,sali de la carcel,carcel,prision,tambo@mx,cana@ca,bote@mx
public defender,arrested=defensor publico,arrestado,detenido
## money law
debt collection,debt collectors,garnishment,bankruptcy=cobradores,cobro de deudas,embargo de sueldo,bancarrota,quiebra
traffic ticket,ticket,suspended license,fines=multa,multas,infraccion,licencia suspendida,boleto de trafico
## documents
birth certificate=acta de nacimiento,partida de nacimiento,certificado de nacimiento
death certificate=acta de defuncion,certificado de defuncion
marriage certificate,marriage license=acta de matrimonio,licencia de matrimonio,casarse
id,id card,state id,identification,photo id=identificacion,id,credencial,identificacion con foto,cedula,identificacion del estado
drivers license,driver license,driving test,dmv=licencia de manejar,licencia de conducir,examen de manejo,dmv,licencia
social security card,ssn=tarjeta del seguro social,numero de seguro social,el social
itin,tax id=itin,numero de identificacion fiscal,numero de impuestos
translation,translate documents,interpreter,interpretation=traduccion,traducir documentos,interprete,interpretacion,traductor
voter registration,vote,voting=registrarse para votar,votar,elecciones
vital records=registro civil,registros vitales
name change=cambio de nombre,cambiar mi nombre
mailing address,mail,po box=direccion postal,correo,recibir correo,apartado postal
`;
