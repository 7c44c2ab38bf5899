/** Health care: clinics, doctors, coverage, conditions and the body's needs. */
export const clinic = `
## services
clinic,health clinic,community clinic,health center,medical clinic,free clinic=clinica,clinica comunitaria,centro de salud,clinica gratis,clinica gratuita,dispensario,policlinica,clinica del pueblo,centro medico
doctor,physician,primary care,family doctor,check up,checkup,physical exam,sick visit=doctor,medico,doctora,medica,medico familiar,medico general,consulta,chequeo,examen fisico,revision medica,cita medica
nurse,nurse practitioner=enfermera,enfermero,enfermeria
medical care,health care,healthcare,medical=atencion medica,cuidado de salud,salud,servicios medicos,medico
hospital,emergency room,er=hospital,sala de emergencias,emergencias,urgencias,sala de urgencias
urgent care,walk in clinic=atencion urgente,clinica sin cita,urgencias menores
pediatrician,pediatrics,child doctor,kids doctor=pediatra,doctor de ninos,medico para ninos,pediatria
dentist,dental,teeth,tooth,toothache,dental clinic,cleaning teeth,fillings,extraction,dentures=dentista,dental,dientes,muelas,dolor de muelas,dolor de dientes,clinica dental,limpieza dental,empastes,calzas,sacar una muela,dentadura,placa dental,odontologo
vision,eye care,eye exam,eyeglasses,glasses,eye doctor,optometrist=vista,lentes,anteojos,gafas,espejuelos@cb,examen de la vista,oculista,optometrista,doctor de los ojos,ojos
hearing,hearing aid,hearing aids,hearing test,deaf=oido,aparato para oir,audifonos,aparatos auditivos,prueba de audicion,sordo,sordera
pharmacy,prescriptions,prescription,medication,medications,medicine,medicines,drug costs=farmacia,receta,recetas,medicina,medicinas,medicamentos,pastillas,remedios,medicinas baratas,botica
lab tests,blood test,lab work=analisis,analisis de sangre,examenes de laboratorio,laboratorio
x ray,ultrasound,imaging=rayos x,ultrasonido,sonograma,radiografia
specialist,referral to specialist=especialista,referencia al especialista
mobile clinic,health van,medical van=clinica movil,unidad movil,camioneta medica
telehealth,telemedicine,video visit=telemedicina,consulta por video,consulta virtual
medical equipment,durable medical equipment,wheelchair,walker,crutches,cane,shower chair,hospital bed=equipo medico,silla de ruedas,andadera,andador,muletas,baston,silla para la ducha,cama de hospital
## coverage
health insurance,insurance,coverage,marketplace,obamacare,covered california=seguro medico,seguro de salud,aseguranza@mx,cobertura medica,obamacare,mercado de seguros
medicaid,medi cal,medical card,chip,childrens health insurance=medicaid,medi cal,medical,tarjeta medica,seguro del gobierno,seguro para ninos,plan de salud del estado
medicare=medicare,seguro para mayores
uninsured,no insurance,without insurance=sin seguro,no tengo seguro,sin aseguranza@mx,sin seguro medico
sliding scale,low cost care,charity care,financial assistance hospital=escala movil,tarifa reducida,bajo costo,atencion de caridad,ayuda con la cuenta del hospital
medical bills,hospital bill,medical debt=cuentas medicas,deuda medica,factura del hospital,biles del hospital
## pregnancy and babies
pregnant,pregnancy,prenatal,prenatal care,expecting=embarazada,embarazo,prenatal,cuidado prenatal,control prenatal,estoy embarazada,encinta,panzona@mx,voy a tener un bebe,esperando bebe
birth,delivery,labor and delivery,doula,midwife=parto,dar a luz,alumbramiento,doula,partera,comadrona
postpartum,new mother,new mom,after birth=posparto,despues del parto,cuarentena,recien parida,mama primeriza,madre nueva
breastfeeding,lactation,nursing mother,breast pump=lactancia,amamantar,dar pecho,dar de mamar,lactancia materna,sacaleches,extractor de leche
newborn,infant,baby checkup,well child=recien nacido,bebe,chequeo del bebe,nino sano,control del nino sano
family planning,birth control,contraception,condoms,iud,pill=planificacion familiar,anticonceptivos,metodos anticonceptivos,condones,preservativos,diu,la pastilla,control de natalidad
pregnancy test=prueba de embarazo
abortion,pregnancy options=aborto,interrupcion del embarazo,opciones de embarazo
sti,std,sexually transmitted,sti testing,std testing=its,ets,enfermedades de transmision sexual,enfermedad venerea,prueba de ets
hiv,aids,prep,pep,hiv test,hiv testing=vih,sida,prep,prueba de vih,prueba del sida
home visiting,nurse home visit,home visits=visitas a domicilio,visitas al hogar,enfermera que visita la casa
## prevention
vaccines,vaccine,vaccination,immunizations,shots,flu shot,covid vaccine=vacunas,vacuna,vacunacion,inmunizaciones,inyecciones,vacuna de la gripe,vacuna contra la gripe,vacuna del covid,piquete
screening,cancer screening,mammogram,pap smear,pap test,colonoscopy=deteccion,deteccion de cancer,mamografia,papanicolau,papanicolaou,colonoscopia,prueba de cancer
blood pressure,hypertension,high blood pressure=presion alta,presion,hipertension,presion arterial,la presion
tb test,tuberculosis=prueba de tuberculosis,tuberculosis,prueba de tb,tisis
covid,covid test,coronavirus=covid,prueba de covid,coronavirus
## conditions
diabetes,diabetic,blood sugar,sugar=diabetes,diabetico,azucar,azucar en la sangre,azucar alta,glucosa,nivel de azucar,insulina
asthma,inhaler,breathing=asma,inhalador,bomba para el asma,no puedo respirar,respiracion
heart disease,heart,cholesterol=enfermedad del corazon,corazon,colesterol
cancer,chemo,chemotherapy=cancer,quimio,quimioterapia,tumor
kidney,dialysis=rinones,dialisis,rinon
obesity,weight loss,overweight=obesidad,bajar de peso,sobrepeso,gordura
pain,chronic pain,back pain=dolor,dolor cronico,dolor de espalda
disability,disabled,wheelchair user,blind,deaf=discapacidad,discapacitado,incapacidad,minusvalido,ciego,invalido
injury,accident,wound=herida,lesion,accidente,golpe
sick,illness,fever,flu,cough=enfermo,enfermedad,fiebre,calentura,gripe,gripa,tos,resfriado,catarro
lice,head lice,scabies=piojos,liendres,sarna
nutrition counseling=consejeria de nutricion
`;
