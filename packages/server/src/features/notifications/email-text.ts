import type { Locale } from '@puente/core';
import type { Email } from './mailer.js';

// The alert email says only that an alert waits: no name, no answers, no score,
// because email leaves our control (forwarding, shared inboxes, lock screens).
const texts: Record<Locale, { subject: string; body: (link: string) => string }> = {
  en: {
    subject: 'Puente: a risk alert needs you',
    body: (link) =>
      `A risk alert needs you now.\n\nOpen Puente to see it and say what you did:\n${link}\n\n` +
      'This email holds no details on purpose. If you cannot act on it, tell the next person on call.',
  },
  es: {
    subject: 'Puente: una alerta de riesgo le necesita',
    body: (link) =>
      `Una alerta de riesgo le necesita ahora.\n\nAbra Puente para verla e indicar qué hizo:\n${link}\n\n` +
      'Este correo no trae detalles a propósito. Si usted no puede atenderla, avise a la siguiente persona de guardia.',
  },
};

/** The email to a person alerted to a risk alert, in their language. */
export function alertEmail(to: string, locale: Locale, publicUrl: string, alertId: string): Email {
  const text = texts[locale];
  return { to, subject: text.subject, text: text.body(`${publicUrl}/alerts/${alertId}`) };
}
