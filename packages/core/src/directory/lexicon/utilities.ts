/** Utilities: power, water, heat, phone and internet at home. */
export const utilities = `
## services
utilities,utility bill,utility bills,utility assistance,utility help=servicios publicos,recibos,cuentas,biles,ayuda con los recibos,ayuda con servicios,facturas de servicios
electric bill,electricity,electric,power bill,power,energy bill,energy assistance,energy=luz,recibo de luz,la luz,electricidad,cuenta de luz,factura de luz,energia,la corriente,el recibo de la luz,pago de luz
gas bill,gas,natural gas=gas,recibo de gas,cuenta del gas,gas natural
propane,firewood,heating oil,wood=propano,gas propano,lena,tanque de gas,cilindro de gas,leña
water bill,water,sewer,trash=agua,recibo de agua,cuenta del agua,factura del agua,drenaje,alcantarillado,basura
shut off,shutoff,disconnection,disconnect notice,cut off,shut off notice,turned off=cortaron,me cortaron,me cortaron la luz,me cortaron el agua,aviso de corte,desconexion,suspension del servicio,van a cortar,sin luz,sin agua
heating,heat,furnace,heater=calefaccion,calentador,calentón,estufa,la calefaccion,calefactor
cooling,air conditioning,ac,fan,fans=aire acondicionado,abanico,ventilador,enfriador
weatherization,insulation,energy efficiency,energy saving=climatizacion,aislamiento,ahorro de energia,eficiencia energetica
liheap,heap,leap=liheap,ayuda de energia,programa de energia
payment plan,payment arrangement=plan de pagos,arreglo de pago,pagos a plazos
## phone and internet
phone,cell phone,free phone,lifeline,phone service=telefono,celular,telefono gratis,lifeline,servicio de telefono
internet,wifi,wi fi,broadband,home internet,affordable internet,hotspot=internet,wifi,internet barato,internet en casa,internet economico,conexion a internet
acp,affordable connectivity=programa de conectividad,descuento de internet
`;
