import type { roles as en } from '../en/roles.js';

export const roles: Record<keyof typeof en, string> = {
  chw: 'Promotor(a) de salud',
  supervisor: 'Supervisor(a)',
  manager: 'Gerente del programa',
  admin: 'Administrador(a)',
  partner: 'Organización aliada',
};
