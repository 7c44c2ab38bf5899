import type { signin as en } from '../en/signin.js';

export const signin: Record<keyof typeof en, string> = {
  title: 'Iniciar sesión',
  intro: 'Use el correo y la contraseña que le dio su programa.',
  email: 'Correo electrónico',
  password: 'Contraseña',
  submit: 'Entrar',
  submitting: 'Entrando…',
  forgot: '¿Olvidó su contraseña?',
};
