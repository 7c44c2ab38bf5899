/** Getting there: buses, rides, cars and licences to drive them. */
export const transit = `
## services
transportation,transport,transit,getting around=transporte,transportacion,movilidad
bus,buses,bus pass,bus fare,bus ticket,public transit=autobus,camion@mx,guagua@cb,bus,buseta,micro,pase de autobus,pasaje,boleto de autobus,transporte publico,colectivo,chiva@ca
reduced fare,discount fare,half fare=tarifa reducida,pasaje reducido,descuento de pasaje,medio pasaje
ride,rides,ride to appointment,ride to doctor,medical transportation,nemt=aventon@mx,raid@mx,pon@cb,jalon@ca,transporte medico,llevar al doctor,llevar a la cita,transporte a citas,viaje
paratransit,dial a ride,door to door=paratransito,transporte puerta a puerta,transporte para discapacitados
gas card,gas money,fuel=tarjeta de gasolina,gasolina,dinero para gasolina
car repair,car,auto repair,vehicle=reparacion de carro,arreglar el carro,carro,coche,mecanico,taller,carro descompuesto,troca@mx,vehiculo
car seat,booster seat=asiento de carro,silla para el carro,asiento para bebe
bike,bicycle,bikes=bicicleta,bici,bicicletas
taxi,uber,lyft,rideshare=taxi,uber,carro de alquiler,carrito@cb
train,light rail,metro=tren,metro,tren ligero
senior transportation=transporte para ancianos,transporte para mayores
`;
