import type { fields as en } from '../en/fields.js';

export const fields: Record<keyof typeof en, string> = {
  required: 'Este dato es obligatorio.',
  partnerOrCategory: 'Escriba el nombre de una organización aliada, elija un tipo, o ambos.',
  onlyForSharing: 'Solo un consentimiento para compartir dice qué datos cubre.',
  tooLong: 'Use menos de {max} caracteres.',
  tooShort: 'Se necesitan al menos {min} caracteres.',
  tooMany: 'Elija {max} como máximo.',
  tooSmall: 'Debe ser al menos {min}.',
  tooBig: 'Debe ser como máximo {max}.',
  invalid: 'Este valor no es válido.',
  choose: 'Elija una de las opciones.',
  unknownField: 'Este campo no se espera aquí.',
  email: 'Escriba un correo como nombre@ejemplo.org.',
  uuid: 'Este identificador no es válido.',
  date: 'Escriba la fecha como AAAA-MM-DD.',
  dateTime: 'Escriba una fecha y hora.',
  phone: 'Este no es un número al que podamos llamar. Use 10 dígitos, o + y el código del país.',
  birthDateFuture: 'La fecha de nacimiento no puede estar en el futuro.',
  birthDateTooOld: 'No es posible una fecha de nacimiento antes de 1900.',
  dateTooEarly: 'Esta fecha está demasiado en el pasado. Revise el año.',
  dateTooLate: 'Esta fecha está demasiado en el futuro. Revise el año.',
  notInFuture: 'Esto no puede estar en el futuro.',
  url: 'Escriba una dirección web que empiece por https://, o un enlace tel: o mailto:.',
  noNul: 'Esto contiene un carácter que no se puede guardar (NUL).',
  tooDeep: 'Esto tiene demasiados niveles anidados.',
  textOrTemplate: 'Escriba un mensaje o elija una plantilla, no ambos.',
  jwkPublicOnly: 'Registre solo la clave pública: esta clave incluye su parte privada.',
  jwkNotUsable: 'Cada clave debe ser RSA de 2048 bits o más (RS384) o EC en la curva P-384 (ES384).',
  smartScope:
    'Escriba un alcance SMART de sistema para un tipo que sirve la API FHIR, como system/Patient.rs.',
  jwksOrUrl: 'Dé las claves o la dirección donde se publican, no ambas.',
  jwksUrl:
    'Puente no pudo leer un conjunto de claves en esta dirección. Debe responder JSON {"keys": […]} por https en 5 segundos.',
  hoursNotUnderstood:
    'Puente no pudo leer este horario. Escriba los días y luego las horas, como “Lun-Vie 9-17; Sáb 10-14”, “24/7” o “cerrado”.',
  addressNotUnderstood:
    'Escriba la dirección como calle, ciudad, estado y código postal, como “123 Main St, Austin, TX 78701”.',
};
