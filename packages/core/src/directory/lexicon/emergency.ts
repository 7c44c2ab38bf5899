/** Emergencies and safety: violence, abuse, disasters, crisis. */
export const emergency = `
## services
emergency,emergencies,urgent help=emergencia,emergencias,ayuda urgente,urgente
domestic violence,family violence,intimate partner violence,abusive partner,abusive relationship,dv=violencia domestica,violencia familiar,violencia intrafamiliar,violencia de pareja,pareja abusiva,me pega,mi esposo me pega,me golpea,maltrato,maltratada
abuse,abused,violence=abuso,abusada,abusado,violencia,agresion
safe house,dv shelter=casa segura,refugio para mujeres maltratadas,casa refugio
sexual assault,rape,sexual abuse=agresion sexual,violacion,abuso sexual,violada
child abuse,child neglect,cps=abuso infantil,maltrato infantil,negligencia infantil,abuso de ninos
elder abuse,adult protective services,aps=abuso de ancianos,maltrato de personas mayores,servicios de proteccion de adultos
human trafficking,trafficking,forced labor=trata de personas,trafico de personas,trabajo forzado
stalking,harassment=acoso,acecho,me persigue
safety plan,safety planning=plan de seguridad
victim,crime victim,victim services,victim compensation=victima,victima de crimen,servicios para victimas,compensacion a victimas
disaster,fire,house fire,flood,wildfire,earthquake,hurricane,storm=desastre,incendio,se quemo,se quemo mi casa,inundacion,incendio forestal,terremoto,temblor,huracan,tormenta,ciclon
evacuation,evacuate=evacuacion,evacuar,albergue de evacuacion
red cross=cruz roja
police,911=policia,911,la chota@mx
poison control,poisoning=centro de envenenamiento,envenenamiento,intoxicacion
lgbtq,gay,lesbian,transgender,queer=lgbt,gay,lesbiana,transgenero,trans,comunidad lgbt
heat illness,pesticide exposure=golpe de calor,insolacion,pesticidas,fumigacion
`;
