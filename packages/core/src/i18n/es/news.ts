import type { news as en } from '../en/news.js';

/** Novedades con conexión: un cambio que le toca a la promotora, avisado por el servidor y leído de la copia del teléfono. */
export const news: Record<keyof typeof en, string> = {
  label: 'Novedades',
  referral: 'Novedad de la referencia: {name} — {status}',
  referralOpen: 'Abrir {name}',
  alertAcknowledged: 'Se respondió una alerta sobre una de sus personas.',
  joined: '{name} ahora está en su lista de personas.',
  left: 'Una persona pasó a otra lista.',
  message: 'Nuevo mensaje de texto de {name}',
  intakeCancelled:
    'Una clínica canceló una referencia que le había enviado. Véala en Referencias de clínicas.',
  dismiss: 'Cerrar',
  dismissNamed: 'Cerrar la novedad sobre {name}',
};
