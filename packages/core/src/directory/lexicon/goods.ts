/** Goods: the things a household needs that money would otherwise buy. */
export const goods = `
## services
clothing,clothes,clothing closet,free clothes=ropa,ropa gratis,ropero comunitario,ropa usada,vestimenta,trapos@cb
coat,coats,jacket,winter clothes=abrigo,chamarra@mx,chaqueta,ropa de invierno,chumpa@ca,sueter
shoes,boots,socks=zapatos,botas,calcetines,medias@cb,tenis
uniforms,work clothes,interview clothes=uniformes,ropa de trabajo,ropa para entrevista
diapers,wipes,diaper bank=panales,toallitas,toallitas humedas,banco de panales,pampers,dodotis
baby supplies,baby items,baby clothes=cosas de bebe,articulos para bebe,ropa de bebe,canastilla
crib,cribs,pack n play,safe sleep=cuna,cunas,corral,sueno seguro
stroller=carriola@mx,cochecito,carrito de bebe
furniture,bed,beds,mattress,dresser,household items=muebles,cama,camas,colchon,comoda,cosas para la casa,articulos del hogar,trastes,utensilios de cocina
appliances,stove,refrigerator,fridge=electrodomesticos,estufa,refrigerador,refri,nevera@cb,lavadora
blankets,bedding=cobijas,frazadas,sabanas,colchas,mantas
hygiene,hygiene kits,toiletries,soap,toothpaste=higiene,articulos de higiene,jabon,pasta de dientes,cepillo de dientes,productos de aseo
showers,shower,laundry,wash clothes=regaderas@mx,duchas,banarse,bano,lavanderia,lavar ropa
period products,pads,tampons,menstrual=toallas sanitarias,toallas femeninas,tampones,kotex,productos menstruales,regla
school supplies,backpack,backpacks=utiles escolares,utiles,mochila,mochilas,cuadernos
toys,holiday gifts,christmas gifts,toy drive=juguetes,regalos de navidad,regalos,navidad,dia de reyes,posada
computer,laptop,tablet,free computer=computadora,laptop,tableta,computadora gratis,ordenador
thrift store,second hand,donated items=tienda de segunda,segunda mano,ropa de segunda,pulga@mx,donaciones,bazar
household goods,kitchen items,pots and pans=cosas de cocina,ollas,sartenes
eyeglasses donation=donacion de lentes
`;
