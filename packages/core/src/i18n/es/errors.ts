import type { errors as en } from '../en/errors.js';

export const errors: Record<keyof typeof en, string> = {
  badRequest: 'No se pudo leer la solicitud.',
  malformedJson: 'El contenido de la solicitud no es JSON válido. Revise si falta una coma o unas comillas.',
  unsupportedMediaType: 'Envíe el contenido de la solicitud como JSON (Content-Type: application/json).',
  validation: 'Algunos campos necesitan atención.',
  tooLarge: 'La solicitud es demasiado grande. El límite es {limit}.',
  notFound: 'No se encontró nada en esta dirección.',
  methodNotAllowed: 'Esta dirección no acepta ese tipo de solicitud.',
  signInRequired: 'Inicie sesión para continuar.',
  sessionExpired: 'Su sesión terminó. Inicie sesión de nuevo.',
  forbidden: 'Su función no permite esto.',
  badCredentials: 'El correo o la contraseña no son correctos. Revíselos e intente de nuevo.',
  tooManyAttempts: 'Demasiados intentos. Espere {seconds} segundos e intente de nuevo.',
  accountLocked:
    'Esta cuenta está bloqueada por demasiados intentos fallidos. Intente de nuevo en {minutes} minutos o pida a su administrador que la desbloquee.',
  accountDisabled: 'Esta cuenta está desactivada. Consulte a su administrador.',
  wrongCurrentPassword: 'La contraseña actual no es correcta.',
  emailTaken: 'Alguien en Puente ya usa este correo electrónico.',
  userNotFound: 'Ese usuario no existe en su organización.',
  teamMemberNotFound: 'Uno de los miembros del equipo no existe en su organización.',
  supervisorRoleRequired: 'Un equipo lo dirige alguien con la función de supervisor.',
  cannotDisableSelf: 'No puede desactivar ni bajar de función su propia cuenta.',
  crossSite: 'Esta solicitud vino de otro sitio y fue rechazada.',
  internal: 'Algo salió mal de nuestro lado. No se cambió nada. Intente de nuevo.',
  unavailable: 'Puente se está iniciando o cerrando. Intente de nuevo en un momento.',
};
