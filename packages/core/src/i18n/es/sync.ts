import type { sync as en } from '../en/sync.js';

/** Trabajo sin señal: el PIN que protege los datos del teléfono, y qué se ha sincronizado. */
export const sync: Record<keyof typeof en, string> = {
  pinSetTitle: 'Proteja los datos de este teléfono',
  pinSetIntro:
    'Puente guarda sus personas en este teléfono para que pueda trabajar sin señal. Elija un PIN de 6 números o más para protegerlo. Nadie más puede leerlo sin el PIN.',
  pinNew: 'PIN nuevo',
  pinRepeat: 'El mismo PIN otra vez',
  pinSave: 'Guardar PIN',
  pinSaving: 'Preparando el teléfono…',
  pinTooShort: 'Use al menos 6 números.',
  pinMismatch: 'Los dos PIN no son iguales.',
  pinUnlockTitle: 'Escriba su PIN',
  pinUnlockIntro: 'Puente se bloqueó para proteger a las personas que usted atiende.',
  pin: 'PIN',
  pinUnlock: 'Desbloquear',
  pinChecking: 'Comprobando…',
  pinWrong: 'Ese PIN no es correcto. Quedan {left} intentos antes de borrar los datos de este teléfono.',
  pinWiped:
    'El PIN fue incorrecto 5 veces y se borraron los datos de este teléfono. Inicie sesión otra vez para recuperar sus personas.',
  pinForgot: '¿Olvidó el PIN? Cierre la sesión: se borran los datos de este teléfono y vuelve a entrar.',
  signOut: 'Cerrar sesión y borrar los datos del teléfono',
  statusLabel: 'Sincronización',
  synced: 'Todo está guardado en el servidor.',
  pending: '{count} cambios esperan para enviarse.',
  pendingOne: '1 cambio espera para enviarse.',
  offline: 'Sin señal. Su trabajo está guardado en este teléfono y se enviará cuando vuelva la conexión.',
  syncing: 'Enviando y recibiendo…',
  lastSync: 'Última sincronización: {when}.',
  neverSynced: 'Todavía no se ha sincronizado.',
  syncNow: 'Sincronizar ahora',
  failed:
    'No se pudo sincronizar: {reason} Su trabajo está seguro en este teléfono; Puente lo intentará otra vez.',
  rejected: 'El servidor rechazó {count} cambios. Ábralos para ver por qué.',
  rejectedOne: 'El servidor rechazó 1 cambio: {reason}',
  discard: 'Descartar los cambios rechazados',
  sessionEnded: 'Su sesión terminó. Inicie sesión otra vez para enviar el trabajo guardado.',
};
