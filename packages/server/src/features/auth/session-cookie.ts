import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/env.js';
import { secureCookies } from '../../http/security.js';
import { SESSION_COOKIE } from './sessions.js';

// When Secure, the cookie is `__Host-puente_session`: the browser keeps it to this host and path
// "/", so no subdomain can set or shadow it. Over plain http (a laptop, tests) it stays
// `puente_session`, which browsers refuse to give a __Host- prefix.
const prefixOf = (c: Context<AppEnv>) => (secureCookies(c) ? 'host' : undefined);

/** Hands the browser a new session: httpOnly, SameSite=Lax, Secure over TLS, for the session's longest life. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  const secure = secureCookies(c);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: c.get('config').sessionMaxHours * 3600,
    ...(secure ? { prefix: 'host' as const } : {}),
  });
}

/** The session token the browser sent, under the name this request's cookie would have. */
export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE, prefixOf(c));
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const secure = secureCookies(c);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, ...(secure ? { prefix: 'host' as const } : {}) });
}
