import type { Locale } from '@puente/core';
import type { Email } from '../notifications/mailer.js';
import type { LinkPurpose } from './links.js';

// No name and no organization in the email: it only says what the link does and when it stops working.
const texts: Record<Locale, Record<LinkPurpose, { subject: string; body: (link: string) => string }>> = {
  en: {
    invite: {
      subject: 'Puente: set up your account',
      body: (link) =>
        `You were invited to Puente. Choose your password here (the link works once, for 3 days):\n${link}\n\n` +
        'If you did not expect this, ignore this email.',
    },
    reset: {
      subject: 'Puente: choose a new password',
      body: (link) =>
        `Someone asked to reset your Puente password. Choose a new one here (the link works once, for 1 hour):\n${link}\n\n` +
        'If it was not you, ignore this email: your password stays as it is.',
    },
  },
  es: {
    invite: {
      subject: 'Puente: active su cuenta',
      body: (link) =>
        `Le invitaron a Puente. Elija su contraseña aquí (el enlace sirve una vez, durante 3 días):\n${link}\n\n` +
        'Si no lo esperaba, ignore este correo.',
    },
    reset: {
      subject: 'Puente: elija una contraseña nueva',
      body: (link) =>
        `Alguien pidió cambiar su contraseña de Puente. Elija una nueva aquí (el enlace sirve una vez, durante 1 hora):\n${link}\n\n` +
        'Si no fue usted, ignore este correo: su contraseña no cambia.',
    },
  },
};

/** The email carrying a set-password link, in the person's language. */
export function linkEmail(to: string, locale: Locale, purpose: LinkPurpose, link: string): Email {
  const text = texts[locale][purpose];
  return { to, subject: text.subject, text: text.body(link) };
}
