/** Housing: a roof tonight, keeping the home, finding and fixing one. */
export const housing = `
## services
housing,housing help,housing assistance,place to live=vivienda,ayuda con vivienda,donde vivir,lugar para vivir,casa,hogar,techo
shelter,homeless shelter,emergency shelter,overnight shelter,bed for the night=albergue,refugio,refugio para desamparados,albergue temporal,donde dormir,lugar para dormir,cama para la noche,dormitorio publico
family shelter=albergue familiar,refugio para familias,albergue para familias
men shelter,mens shelter=albergue para hombres,refugio de hombres
women shelter,womens shelter=albergue para mujeres,refugio de mujeres,casa de la mujer
youth shelter,runaway,runaways,runaway youth,homeless youth=albergue juvenil,jovenes sin hogar,se escapo de la casa,fugado,jovenes en la calle
warming center,cooling center,winter shelter=centro de calor,centro de enfriamiento,refugio de invierno,albergue de invierno
homeless,homelessness,unhoused,living on the street,sleeping outside,living in car=sin hogar,sin casa,desamparado,indigente,vivo en la calle,durmiendo en la calle,vivo en mi carro,vivo en el carro,sin techo,en situacion de calle,deambulante@cb,homeless
encampment,tent=campamento,carpa,casa de campana
street outreach,outreach team=equipo de calle,alcance en la calle,trabajadores de calle
rent,rent help,rental assistance,rent assistance,back rent,past due rent,behind on rent=renta,alquiler,ayuda con la renta,ayuda para la renta,ayuda con el alquiler,renta atrasada,debo la renta,no puedo pagar la renta,atrasado con la renta,pago de renta
security deposit,deposit,move in costs,first month rent=deposito,deposito de renta,deposito de seguridad,deposito para mudanza,primer mes de renta,enganche de renta
eviction,evicted,eviction notice,unlawful detainer,being kicked out,lockout=desalojo,desalojar,desalojaron,aviso de desalojo,desahucio,lanzamiento,me van a desalojar,me quieren sacar,me corren de la casa,orden de desalojo,me echaron
eviction prevention,eviction defense=prevencion de desalojo,defensa contra desalojo
tenant rights,tenant,tenants,renters rights,renter=derechos del inquilino,inquilino,inquilinos,arrendatario,derechos de inquilinos
landlord,property manager=dueno,propietario,casero,arrendador,el dueno de la casa,manager del apartamento,landlord
repairs,repair,mold,leak,pests,cockroaches,bed bugs,no heat=reparaciones,arreglar,arreglo,moho,hongos,goteras,plagas,cucarachas,chinches,sin calefaccion,no arregla,humedad
habitability,unsafe housing,code enforcement,housing inspection=vivienda insegura,inspeccion de vivienda,condiciones inseguras
home repair,home repairs,ramp,grab bars,accessibility modifications,roof repair=reparacion de casa,reparaciones del hogar,rampa,barras de apoyo,arreglar el techo
apartment,apartments,affordable apartment,affordable housing,low income housing=apartamento,departamento@mx,apartamentos,vivienda asequible,vivienda economica,vivienda de bajos ingresos,apartamento barato,renta de cuarto
room for rent,shared housing,roommate=cuarto en renta,habitacion,compartir casa,rentar un cuarto,pieza
section 8,housing choice voucher,housing voucher,voucher=seccion 8,vale de vivienda,voucher de vivienda,cupon de vivienda,ayuda de seccion 8
public housing,housing authority=vivienda publica,autoridad de vivienda,proyectos,caserio@cb,residencial publico@cb,multifamiliar
waiting list,waitlist=lista de espera
transitional housing,supportive housing,permanent supportive housing,rapid rehousing=vivienda de transicion,vivienda transitoria,vivienda con apoyo,realojamiento rapido
coordinated entry,housing assessment=entrada coordinada,evaluacion de vivienda
moving,relocation,moving costs=mudanza,mudarse,reubicacion,gastos de mudanza,trasteo@ca
## owning
homebuyer,first time homebuyer,buy a house,buying a home,down payment=comprar casa,comprar una casa,primera casa,comprador de casa,enganche,pago inicial,cuota inicial
mortgage,foreclosure,behind on mortgage,loan modification=hipoteca,ejecucion hipotecaria,embargo de casa,atrasado con la hipoteca,perder la casa,remate de casa
homeowner,homeowners=dueno de casa,propietario de vivienda,duenos de casa
property tax=impuesto de propiedad,predial@mx
mobile home,trailer,manufactured home=casa movil,traila@mx,trailer,casa rodante
## places
farmworker housing,migrant housing=vivienda para trabajadores del campo,vivienda para campesinos,campamento de trabajadores,vivienda agricola
senior housing,senior apartments=vivienda para personas mayores,apartamentos para ancianos,casa para ancianos
group home,halfway house,sober living=casa hogar,casa de transicion,casa de vida sobria
motel voucher,hotel voucher,motel=vale de motel,motel,hotel pagado,cuarto de hotel
`;
