import type { app as en } from '../en/app.js';

export const app: Record<keyof typeof en, string> = {
  name: 'Puente',
  tagline: 'Herramientas de campo para promotoras y promotores de salud',
  loading: 'Cargando…',
  skipToContent: 'Saltar al contenido principal',
  language: 'Idioma',
  english: 'English',
  spanish: 'Español',
  signedInAs: 'Sesión iniciada como {name}, {role}',
  networkError: 'Puente no pudo conectarse con el servidor. Revise su conexión e intente de nuevo.',
  unexpectedError: 'Algo salió mal. No se cambió nada. Intente de nuevo, por favor.',
  sessionEnded: 'Su sesión terminó. Inicie sesión otra vez, por favor.',
  notFoundTitle: 'No encontramos esta página',
  notFoundBody: 'No hay nada en esta dirección. Use el menú para encontrar lo que busca.',
  forbiddenTitle: 'No disponible para su función',
  goHome: 'Ir a la página de inicio',
};
