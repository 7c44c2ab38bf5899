import type { account as en } from '../en/account.js';

export const account: Record<keyof typeof en, string> = {
  title: 'Mi cuenta',
  detailsTitle: 'Mis datos',
  name: 'Nombre',
  email: 'Correo electrónico',
  role: 'Función',
  organization: 'Organización',
  languageHint: 'Puente usará este idioma en cada teléfono o computadora donde usted entre.',
  languageSaved: 'Idioma guardado.',
  passwordTitle: 'Cambiar la contraseña',
  currentPassword: 'Contraseña actual',
  newPassword: 'Contraseña nueva',
  newPasswordHint:
    'Por lo menos {min} caracteres. Una frase corta es fácil de recordar y difícil de adivinar.',
  confirmPassword: 'Repita la contraseña nueva',
  passwordsDiffer: 'Las dos contraseñas nuevas no son iguales. Escríbalas otra vez.',
  passwordChanged: 'Su contraseña se cambió.',
  changePassword: 'Cambiar la contraseña',
  changingPassword: 'Cambiando…',
  signOutTitle: 'Cerrar sesión',
  signOutHint: 'Cierre la sesión al terminar, sobre todo en un teléfono que usan otras personas.',
  signOut: 'Cerrar sesión',
  signingOut: 'Cerrando sesión…',
};
