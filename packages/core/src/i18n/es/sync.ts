import type { sync as en } from '../en/sync.js';

/** Trabajo sin señal: el PIN que protege los datos del teléfono, y qué se ha sincronizado. */
export const sync: Record<keyof typeof en, string> = {
  pinSetTitle: 'Proteja los datos de este teléfono',
  pinSetIntro:
    'Puente guarda sus personas en este teléfono para que pueda trabajar sin señal. Elija un PIN de 6 números o más, o una frase de acceso de unas palabras, para protegerlo. Nadie más puede leerlo sin el PIN.',
  pinNew: 'PIN o frase de acceso nueva',
  pinRepeat: 'El mismo PIN otra vez',
  pinSave: 'Guardar PIN',
  pinSaving: 'Preparando el teléfono…',
  pinTooShort: 'Use al menos 6 caracteres: números, o palabras que vaya a recordar.',
  pinTooLong: 'Use como máximo 128 caracteres.',
  pinMismatch: 'Los dos PIN no son iguales.',
  pinChangeTitle: 'PIN de este teléfono',
  pinChangeHint:
    'El PIN protege a las personas guardadas en este teléfono. Para cambiarlo, escriba el que usa ahora y luego el nuevo dos veces.',
  pinCurrent: 'PIN o frase de acceso actual',
  pinCurrentMissing: 'Escriba el PIN que usa ahora.',
  pinChange: 'Cambiar el PIN',
  pinChanging: 'Cambiando el PIN…',
  pinChanged: 'El PIN se cambió. Desde ahora, use el nuevo para desbloquear este teléfono.',
  pinSameAsNow: 'El PIN nuevo es igual al actual.',
  pinUnlockTitle: 'Escriba su PIN',
  pinUnlockIntro: 'Puente se bloqueó para proteger a las personas que usted atiende.',
  pin: 'PIN o frase de acceso',
  pinUnlock: 'Desbloquear',
  pinChecking: 'Comprobando…',
  pinWrong:
    'Ese PIN no es correcto. Quedan {left} intentos antes de borrar sus personas de este teléfono (los cambios sin enviar se guardan para su contraseña).',
  pinWiped:
    'El PIN fue incorrecto 5 veces y se borraron los datos de este teléfono. Inicie sesión otra vez para recuperar sus personas.',
  pinForgot:
    '¿Olvidó el PIN? Inicie sesión otra vez con su contraseña en este teléfono para elegir uno nuevo. Los cambios que esperan en este teléfono se conservan.',
  signOut: 'Cerrar sesión y borrar los datos del teléfono',
  statusLabel: 'Sincronización',
  synced: 'Todo está guardado en el servidor.',
  pending: '{count} cambios esperan para enviarse.',
  pendingOne: '1 cambio espera para enviarse.',
  offline: 'Sin señal. Su trabajo está guardado en este teléfono y se enviará cuando vuelva la conexión.',
  syncing: 'Enviando y recibiendo…',
  waiting:
    'Preparando su lista de casos: el servidor está ocupado con otros teléfonos. Se intentará de nuevo en {seconds} s.',
  lastSync: 'Última sincronización: {when}.',
  neverSynced: 'Todavía no se ha sincronizado.',
  syncNow: 'Sincronizar ahora',
  failed:
    'No se pudo sincronizar: {reason} Su trabajo está seguro en este teléfono; Puente lo intentará otra vez.',
  rejected: 'El servidor rechazó {count} cambios. Ábralos para ver por qué.',
  rejectedOne: 'El servidor rechazó 1 cambio: {reason}',
  discard: 'Descartar los cambios rechazados',
  sessionEnded: 'Su sesión terminó. Inicie sesión otra vez para enviar el trabajo guardado.',
  pinLockedOut:
    'El PIN fue incorrecto 5 veces, así que se borraron sus personas de este teléfono. Se conservan, bajo llave, {count} cambios que nunca llegaron al servidor: inicie sesión otra vez con su contraseña para enviarlos.',
  pinLockedOutOne:
    'El PIN fue incorrecto 5 veces, así que se borraron sus personas de este teléfono. Se conserva, bajo llave, 1 cambio que nunca llegó al servidor: inicie sesión otra vez con su contraseña para enviarlo.',
  signInAgain: 'Iniciar sesión otra vez con mi contraseña',
  eraseWarning:
    '{count} cambios de este teléfono no han llegado al servidor. Si borra, se pierden para siempre.',
  eraseWarningOne: '1 cambio de este teléfono no ha llegado al servidor. Si borra, se pierde para siempre.',
  eraseConfirm: 'Borrar {count} cambios y cerrar sesión',
  eraseConfirmOne: 'Borrar 1 cambio y cerrar sesión',
  eraseKeep: 'Conservarlos',
  otherCopyTitle: 'Hay trabajo de otra persona en este teléfono',
  otherCopy:
    'Este teléfono guarda {count} cambios de otra persona que nunca llegaron al servidor. Deje que esa persona inicie sesión para enviarlos, o bórrelos para usar este teléfono.',
  otherCopyOne:
    'Este teléfono guarda 1 cambio de otra persona que nunca llegó al servidor. Deje que esa persona inicie sesión para enviarlo, o bórrelo para usar este teléfono.',
  otherCopySignOut: 'Cerrar sesión y conservarlos',
  recoverTitle: 'Elija un PIN nuevo',
  recoverIntro:
    'Inició sesión otra vez con su contraseña. Elija un PIN o frase de acceso nueva para este teléfono: los cambios que esperan en él se conservan y se envían.',
  recoverOpening: 'Abriendo los datos de este teléfono…',
  recoverFailed: 'No se pudieron abrir los datos de este teléfono con esta sesión. {reason}',
  recoverImpossible:
    'Los datos de este teléfono se guardaron antes de que Puente pudiera abrirlos con su contraseña, así que solo su PIN los abre.',
  devicesOf: 'Teléfonos con la copia de {name}',
  devicesNone: 'Ningún teléfono guarda una copia.',
  deviceLine: 'Teléfono preparado el {created}; última sincronización: {last}',
  deviceDisable: 'Desactivar este teléfono',
  deviceDisableConfirm: 'Desactivarlo: se borra su copia, también los cambios sin enviar',
  deviceKeep: 'No desactivar',
  deviceDisabled: 'Desactivado: su copia se borra la próxima vez que se conecte.',
  deviceDisabledDone: 'Se desactivó el teléfono. La copia de {name} se borra la próxima vez que se conecte.',
};
