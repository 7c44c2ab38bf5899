import type { today as en } from '../en/today.js';

export const today: Record<keyof typeof en, string> = {
  title: 'Hoy',
  greeting: 'Hola, {name}.',
  register: 'Registrar a una persona',
  overdue: 'Atrasado',
  dueToday: 'Hoy',
  upcoming: 'Próximamente',
  appointments: 'Citas',
  nothingOverdue: 'No hay nada atrasado.',
  nothingToday: 'No hay nada más para hoy.',
  nothingUpcoming: 'No hay nada pendiente esta semana.',
  noAppointments: 'No hay citas esta semana.',
  emptyTitle: 'Su día está libre',
  emptyBody:
    'No hay nada pendiente. Cuando conozca a alguien, regístrelo: basta con un nombre y un idioma para empezar.',
  emptyBodySupervisor: 'No tiene nada pendiente. La pantalla Equipo muestra el trabajo de su equipo.',
  goToTeam: 'Abrir la pantalla Equipo',
  dueOn: 'Para el {date}',
  markDone: 'Hecho',
  markDoneNamed: 'Marcar “{title}” de {name} como hecho',
  marking: 'Guardando…',
  doneStatus: '“{title}” de {name} está hecho.',
  appointmentAt: '{place}, {when}',
  showMore: 'Mostrar {count} más de {rest}',
  showMoreNamed: 'Mostrar {count} más de {rest} en {list}',
};
