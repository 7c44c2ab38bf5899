import { type Locale, type MessageKey, type Problem, PuenteError } from '@puente/core';
import { ApiError } from '../app/api';
import { t } from '../app/messages';

/** A refusal made on the phone, shaped as the server's would be, in the reader's language. */
export const refusal = (locale: Locale, status: number, key: MessageKey, extra: Partial<Problem> = {}) =>
  new ApiError({
    type: 'about:blank',
    title: t(locale, key),
    status,
    code: key.split('.')[1] ?? '',
    ...extra,
  });

/** Checks a form the way the server would, so a mistake is shown at once even without signal. */
export function valid<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  locale: Locale,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: /^fields\.\w+$/.test(i.message) ? t(locale, i.message as MessageKey) : i.message,
  }));
  throw refusal(locale, 400, 'errors.validation', { errors });
}

/**
 * Runs one of core's rules (the ones the server runs too) on the phone: its
 * refusal reaches the screen as the server's would, words and all.
 */
export function checked(locale: Locale, rule: () => void): void {
  try {
    rule();
  } catch (error) {
    if (!(error instanceof PuenteError)) throw error;
    throw refusal(locale, error.status, error.key, { title: t(locale, error.key, error.params) });
  }
}
