import { call } from '../../app/api-client';

/** Asks for a reset link; the server answers the same whether or not the email has an account. */
export function requestResetLink(email: string): Promise<void> {
  return call('post', '/api/auth/forgot-password', { body: { email } });
}

/** Sets one's password with the token from an emailed link (sent in the body, never in a URL). */
export function setPasswordFromLink(token: string, newPassword: string): Promise<void> {
  return call('post', '/api/auth/set-password', { body: { token, newPassword } });
}

/** Replaces a password someone else set, through the ordinary change of one's own password. */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return call('post', '/api/me/password', { body: { currentPassword, newPassword } });
}

/**
 * The token of a set-password link, from the page's fragment (`#token=…`),
 * which browsers never send to a server; undefined when missing or malformed.
 * @example linkToken('#token=abc…') // 'abc…'
 */
export function linkToken(hash: string): string | undefined {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? '';
  return /^[\w-]{43}$/.test(token) ? token : undefined;
}
