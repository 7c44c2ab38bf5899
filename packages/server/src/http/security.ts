import { getConnInfo } from '@hono/node-server/conninfo';
import { negotiateLocale, PuenteError } from '@puente/core';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { allowedBeforePasswordChange } from '../features/accounts/must-change.js';
import {
  deleteSession,
  findSession,
  hashToken,
  SESSION_COOKIE,
  touchSession,
} from '../features/auth/sessions.js';
import { stageAllows } from '../features/two-factor/stage.js';
import type { AppEnv } from './env.js';

/** Secure cookies when asked, or (auto) when the request came over TLS. */
export function secureCookies(c: Context<AppEnv>): boolean {
  const setting = c.get('config').cookieSecure;
  if (setting !== 'auto') return setting === 'true';
  const proto = c.get('config').trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  return (proto ?? new URL(c.req.url).protocol.replace(':', '')) === 'https';
}

function clientIp(c: Context<AppEnv>): string {
  if (c.get('config').trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Only Puente's own scripts, styles and connections; `extraStyle` adds one hashed inline style. */
export function contentSecurityPolicy(extraStyle?: string): string {
  const style = extraStyle ? `'self' ${extraStyle}` : "'self'";
  return `default-src 'self'; img-src 'self' data:; style-src ${style}; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`;
}

/** Headers that keep the app from being framed, sniffed or leaking URLs. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('ip', clientIp(c));
  c.set('locale', negotiateLocale(c.req.header('accept-language')));
  await next();
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'no-referrer');
  c.header('x-frame-options', 'DENY');
  // A page that carries its own inline style has set a policy allowing exactly that style.
  if (!c.res.headers.has('content-security-policy'))
    c.header('content-security-policy', contentSecurityPolicy());
  if (c.req.path.startsWith('/api/')) c.header('cache-control', 'no-store');
};

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Changes must come from Puente's own pages (Origin check, on top of SameSite
 * cookies) and carry JSON, which a cross-site form cannot send.
 */
export const sameOriginJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (unsafe.has(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
      if (new URL(origin).host !== host) throw new PuenteError(403, 'errors.crossSite');
    }
    const type = c.req.header('content-type');
    if (type !== undefined && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
      throw new PuenteError(415, 'errors.unsupportedMediaType');
    }
  }
  await next();
};

/** Exact paths, plus prefixes written with a trailing `/*` (a path holding a token). */
class PathSet extends Set<string> {
  override has(path: string): boolean {
    return super.has(path) || [...this].some((p) => p.endsWith('/*') && path.startsWith(p.slice(0, -1)));
  }
}

/** The only /api paths open without a session; every other one is refused (deny by default). */
export const publicApiPaths = new PathSet([
  '/api/health',
  '/api/openapi.json',
  '/api/auth/sign-in',
  // Forgot password, and choosing one from an emailed link: the link's token is the key.
  '/api/auth/forgot-password',
  '/api/auth/set-password',
  // A passkey on its own signs in too (a locked password path does not lock the person out).
  '/api/auth/passkey/options',
  '/api/auth/passkey',
  // A phone asks whether it must erase its copy: its random device id is the key (sync/device-key.ts).
  '/api/sync/device-status',
  // Shared safety plans and education topics, event checks and "find help" pages: no account;
  // a token, an event code or a public slug is the key.
  '/api/public/*',
  // A directory its organization made public; the directory feature answers 404 for any other slug.
  '/hsds/o/*',
]);

/**
 * Reads the session cookie and refuses anonymous calls to anything not public.
 * A cookie for an ended session gets "session ended" so the app can say so plainly.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('actor', undefined);
  const token = getCookie(c, SESSION_COOKIE);
  let ended = false;
  if (token) {
    const db = c.get('db');
    const sessionHash = hashToken(token);
    const session = await findSession(db, sessionHash);
    if (session && !session.expired) {
      const config = c.get('config');
      if (session.stale) {
        await touchSession(db, sessionHash, {
          idleMinutes: config.sessionIdleMinutes,
          maxHours: config.sessionMaxHours,
        });
      }
      const { userId, orgId, role, locale } = session;
      c.set('actor', { userId, orgId, role, locale, sessionHash });
      c.set('locale', locale);
      // A password someone else set opens only the way to change it.
      if (
        session.mustChangePassword &&
        !allowedBeforePasswordChange(c.req.path) &&
        !publicApiPaths.has(c.req.path)
      ) {
        throw new PuenteError(403, 'errors.passwordChangeRequired');
      }
      // A password alone, while a second factor is due, opens only the way to finish signing in.
      if (!stageAllows(session.stage, c.req.path) && !publicApiPaths.has(c.req.path)) {
        throw new PuenteError(
          403,
          session.stage === 'enrol' ? 'errors.enrolmentRequired' : 'errors.secondFactorRequired',
        );
      }
    } else {
      ended = true;
      if (session) await deleteSession(db, sessionHash);
    }
  }
  if (!c.get('actor') && !publicApiPaths.has(c.req.path)) {
    throw new PuenteError(401, ended ? 'errors.sessionExpired' : 'errors.signInRequired');
  }
  await next();
};
