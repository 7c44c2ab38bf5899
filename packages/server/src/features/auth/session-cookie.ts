import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/env.js';
import { secureCookies } from '../../http/security.js';
import { SESSION_COOKIE } from './sessions.js';

/** Hands the browser a new session: httpOnly, SameSite=Lax, Secure over TLS, for the session's longest life. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookies(c),
    path: '/',
    maxAge: c.get('config').sessionMaxHours * 3600,
  });
}
