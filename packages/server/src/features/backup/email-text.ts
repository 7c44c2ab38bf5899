import type { Locale } from '@puente/core';
import type { Email } from '../notifications/mailer.js';

export type BackupProblem = 'failed' | 'stale';

const day = (at: Date, locale: Locale) =>
  at.toLocaleString(locale === 'es' ? 'es' : 'en', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });

// Like the alert email, it names nobody: it says what went wrong and who can fix it.
const texts: Record<
  Locale,
  Record<BackupProblem, { subject: string; body: (newest: string | undefined, why: string) => string }>
> = {
  en: {
    failed: {
      subject: 'Puente: the backup failed',
      body: (newest, why) =>
        `Puente could not make its scheduled backup (${why}).\n\n` +
        `${newest ? `The newest backup is from ${newest} (UTC).` : 'There is no backup yet.'}\n` +
        'Ask whoever runs the Puente server to look at its log and at the backup folder.',
    },
    stale: {
      subject: 'Puente: no recent backup',
      body: (newest) =>
        `${newest ? `Puente’s newest backup is from ${newest} (UTC)` : 'Puente has no backup yet'}, later than its schedule allows.\n\n` +
        'Ask whoever runs the Puente server to look at its log and at the backup folder.',
    },
  },
  es: {
    failed: {
      subject: 'Puente: la copia de seguridad falló',
      body: (newest, why) =>
        `Puente no pudo hacer la copia de seguridad programada (${why}).\n\n` +
        `${newest ? `La copia más reciente es del ${newest} (UTC).` : 'Todavía no hay ninguna copia.'}\n` +
        'Pida a quien administra el servidor de Puente que revise su registro y la carpeta de copias.',
    },
    stale: {
      subject: 'Puente: no hay copia de seguridad reciente',
      body: (newest) =>
        `${newest ? `La copia de seguridad más reciente de Puente es del ${newest} (UTC)` : 'Puente todavía no tiene copia de seguridad'}, más antigua de lo que permite su horario.\n\n` +
        'Pida a quien administra el servidor de Puente que revise su registro y la carpeta de copias.',
    },
  },
};

/** The email to an admin when backups fail or fall behind, in their language. */
export function backupEmail(
  to: string,
  locale: Locale,
  problem: BackupProblem,
  newest: Date | undefined,
  why: string,
): Email {
  const text = texts[locale][problem];
  return { to, subject: text.subject, text: text.body(newest ? day(newest, locale) : undefined, why) };
}
