import type { teams as en } from '../en/teams.js';

export const teams: Record<keyof typeof en, string> = {
  title: 'Equipos',
  emptyTitle: 'Todavía no hay equipos',
  emptyBody:
    'Un equipo es una supervisora o supervisor y las promotoras y promotores que acompaña. Cree el primero con el botón “Crear equipo”.',
  supervisor: 'Supervisor(a)',
  members: 'Promotoras y promotores',
  noMembers: 'Nadie todavía',
  add: 'Crear equipo',
  closeForm: 'Cerrar el formulario',
  formTitle: 'Equipo nuevo',
  name: 'Nombre del equipo',
  pickSupervisor: 'Elija la supervisora o supervisor',
  noSupervisors: 'Todavía no hay ninguna supervisora o supervisor activo. Agréguelo primero en Usuarios.',
  pickMembers: 'Promotoras y promotores de este equipo',
  noChws: 'Todavía no hay promotoras ni promotores activos. Puede agregarlos al equipo más tarde.',
  create: 'Crear equipo',
  creating: 'Creando…',
  created: 'Se creó el equipo “{name}”.',
};
