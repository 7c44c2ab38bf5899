/** Work: finding it, training for it, being paid for it, losing it. */
export const work = `
## services
job,jobs,work,employment,job search,find a job,looking for work=trabajo,empleo,chamba@mx,chambear@mx,jale@mx,camello@ca,pega@cb,buscar trabajo,busco trabajo,busqueda de empleo,conseguir trabajo,necesito trabajo,trabajos,empleos,chance@ca
job center,career center,workforce center,one stop,american job center=centro de empleo,centro de trabajo,bolsa de trabajo,oficina de empleo,centro de carreras
job training,vocational training,career training,job skills,trade school,apprenticeship=capacitacion laboral,entrenamiento de trabajo,formacion profesional,escuela vocacional,aprendiz,aprender un oficio,oficio,curso de trabajo,capacitacion
resume,resumes,cv,cover letter=curriculum,curriculum vitae,hoja de vida,resume
interview,job interview,mock interview=entrevista,entrevista de trabajo,practica de entrevista
job fair,hiring event,hiring,now hiring=feria de empleo,feria de trabajo,estan contratando,contratacion,contratan
temp work,temporary work,staffing agency,temp agency=trabajo temporal,agencia de empleo,agencia temporal,trabajo eventual
day labor,day laborer,day work,day laborers=jornalero,jornaleros,trabajo por dia,esquina de jornaleros,centro de jornaleros
youth employment,summer jobs,teen jobs,first job,work experience,internship=empleo juvenil,trabajo de verano,trabajo para jovenes,primer trabajo,practicas,pasantia
supported employment,job coach,disability employment=empleo con apoyo,entrenador de trabajo,empleo para discapacitados
commercial driver,cdl,truck driver,truck driving=licencia comercial,chofer de camion,manejar trailer,troquero@mx,camionero,trailero@mx
nursing assistant,cna,home health aide,caregiver training=asistente de enfermeria,ayudante de enfermeria,cuidador certificado
construction,landscaping,cleaning jobs,housekeeping,warehouse=construccion,jardineria,limpieza,trabajo de limpieza,almacen,bodega
food handler,food handlers card=tarjeta de manipulador de alimentos,certificado de manejo de alimentos,tarjeta de food handler
## rights and pay
unpaid wages,wage theft,not paid,did not pay me,owed wages,overtime=salario no pagado,robo de salario,no me pagaron,me deben dinero,me deben mi sueldo,horas extras,no me quieren pagar,sueldo,salario
minimum wage=salario minimo,sueldo minimo
workplace injury,hurt at work,workers comp,workers compensation=accidente de trabajo,lastimado en el trabajo,me lastime trabajando,compensacion laboral,compensacion al trabajador
worker rights,labor rights,discrimination at work,harassment at work,fired unfairly=derechos laborales,derechos del trabajador,discriminacion en el trabajo,acoso laboral,despido injusto
work permit,employment authorization,ead=permiso de trabajo,autorizacion de empleo
## life events
lost my job,laid off,job loss,unemployed,fired=perdi mi trabajo,me despidieron,me corrieron del trabajo,desempleado,sin trabajo,quede sin trabajo,despido,me botaron@cb,desocupado
unemployment,unemployment insurance,unemployment benefits,ui claim=desempleo,seguro de desempleo,beneficios de desempleo,aseguranza de desempleo@mx,el desempleo
reentry employment,jobs for felons,second chance jobs=empleo para exconvictos,trabajo con antecedentes,trabajo despues de la carcel
## business
small business,start a business,entrepreneur,self employed,business license,microloan=pequeno negocio,negocio propio,emprender,emprendedor,poner un negocio,licencia de negocio,microcredito,trabajo por mi cuenta
street vendor,vendor permit,food cart,taco truck=vendedor ambulante,permiso de vendedor,puesto de comida,carrito de comida,lonchera@mx
`;
