import type { password as en } from '../en/password.js';

export const password: Record<keyof typeof en, string> = {
  setTitle: 'Elija su contraseña',
  setIntro: 'Elija una contraseña que solo usted sepa. Entrará con su correo y esta contraseña.',
  newPassword: 'Contraseña nueva',
  newPasswordHint: 'Por lo menos {min} caracteres. Unas palabras que pueda recordar funcionan bien.',
  confirmPassword: 'Contraseña nueva otra vez',
  passwordsDiffer: 'Las dos contraseñas no son iguales. Escriba la nueva otra vez en los dos campos.',
  save: 'Guardar mi contraseña',
  saving: 'Guardando…',
  setDone: 'Su contraseña quedó guardada. Entre con su correo y su contraseña nueva.',
  signIn: 'Ir a iniciar sesión',
  linkMissingTitle: 'Este enlace está incompleto',
  linkMissingBody: 'Abra otra vez el enlace de su correo. Si lo copió, cópielo completo, con el final.',
  linkInvalidTitle: 'Este enlace ya no sirve',
  linkInvalidBody:
    'Un enlace sirve una vez y por un tiempo limitado. Pida a la persona que administra su programa que le envíe uno nuevo, o pídalo usted con “¿Olvidó su contraseña?”.',
  forgotTitle: '¿Olvidó su contraseña?',
  forgotIntro:
    'Escriba el correo con el que entra. Le enviaremos un enlace para elegir una contraseña nueva. El enlace sirve durante 1 hora.',
  email: 'Correo electrónico',
  send: 'Enviarme un enlace',
  sending: 'Enviando…',
  forgotSent:
    'Si ese correo tiene una cuenta, le enviamos un enlace. Revise su bandeja de entrada y la de correo no deseado. El enlace sirve durante 1 hora.',
  backToSignIn: 'Volver a iniciar sesión',
  mustTitle: 'Elija su propia contraseña',
  mustIntro: 'Otra persona le puso su contraseña. Elija una que solo usted sepa antes de seguir.',
  currentPassword: 'Contraseña que le dieron',
  mustSave: 'Guardar y seguir',
  signOut: 'Cerrar sesión',
};
