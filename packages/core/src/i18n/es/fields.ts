import type { fields as en } from '../en/fields.js';

export const fields: Record<keyof typeof en, string> = {
  required: 'Este dato es obligatorio.',
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
};
