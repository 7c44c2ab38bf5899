import type { today as en } from '../en/today.js';

export const today: Record<keyof typeof en, string> = {
  title: 'Hoy',
  greeting: 'Hola, {name}.',
  emptyTitle: 'Aquí aparecerá su día',
  emptyBodyChw:
    'Pronto esta página mostrará a las personas que usted acompaña, las visitas y seguimientos pendientes, y las novedades de sus referidos.',
  emptyBodySupervisor:
    'Pronto esta página mostrará las alertas de su equipo, los seguimientos atrasados y las personas que necesitan una llamada.',
  nextTitle: 'Lo que puede hacer ahora',
  nextAccount: 'Revise que Puente esté en su idioma y cambie la contraseña que le dieron.',
  goToAccount: 'Ir a mi cuenta',
};
