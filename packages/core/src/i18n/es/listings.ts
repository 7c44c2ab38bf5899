import type { listings as en } from '../en/listings.js';

export const listings: Record<keyof typeof en, string> = {
  nav: 'Nuestros servicios',
  title: 'Sus servicios en el directorio',
  intro:
    'Las promotoras encuentran sus servicios en el directorio de este programa. Si algo cambió, proponga el cambio aquí: el programa lo revisa y actualiza su información.',
  noListingsTitle: 'Todavía no hay servicios',
  noListings:
    'El programa todavía no vinculó su cuenta con ningún servicio de su directorio. Pida a su administrador que la vincule.',
  propose: 'Proponer un cambio a “{name}”',
  proposeTitle: 'Cambiar “{name}”',
  proposeHint:
    'Cambie lo que ya no está al día y envíelo. Nada cambia en el directorio hasta que el programa lo apruebe.',
  send: 'Enviar al programa',
  sending: 'Enviando…',
  sent: 'Enviado. El programa revisará su cambio a “{name}”.',
  cancel: 'Cerrar el formulario',
  yoursTitle: 'Lo que usted propuso',
  yoursEmpty: 'Todavía no propuso ningún cambio.',
  statusPending: 'Esperando al programa',
  statusApproved: 'Aprobado: el directorio ya lo muestra',
  statusDeclined: 'No aprobado',
  declinedBecause: 'El programa dijo: {reason}',
  sentOn: 'Enviado el {date}',
  now: 'Ahora: {value}',
  proposed: 'Propuesto: {value}',
  empty: '(vacío)',
  queueTitle: 'Cambios propuestos por organizaciones aliadas',
  queueEmpty:
    'No hay cambios esperando. Cuando una organización aliada proponga un cambio a su servicio, aparecerá aquí.',
  proposedBy: '{name} lo propuso el {date}',
  approve: 'Aprobar y aplicar',
  decline: 'Rechazar',
  declineNamed: 'Rechazar el cambio a “{name}”',
  reason: 'Por qué (opcional; la organización lo verá)',
  confirmDecline: 'Rechazar el cambio',
  approved: 'Aplicado: “{name}” ya muestra el cambio.',
  declined: 'Rechazado. La organización verá su respuesta.',
};
