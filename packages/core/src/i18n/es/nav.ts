import type { nav as en } from '../en/nav.js';

export const nav: Record<keyof typeof en, string> = {
  label: 'Menú principal',
  today: 'Hoy',
  people: 'Personas',
  team: 'Equipo',
  counts: 'Cifras',
  program: 'Programa',
  users: 'Usuarios',
  teams: 'Equipos',
  account: 'Mi cuenta',
};
