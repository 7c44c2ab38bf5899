import { getConnInfo } from '@hono/node-server/conninfo';
import { negotiateLocale, PuenteError } from '@puente/core';
import type { Context, MiddlewareHandler } from 'hono';
import { allowedBeforePasswordChange } from '../features/accounts/must-change.js';
import { readSessionCookie } from '../features/auth/session-cookie.js';
import { deleteSession, findSession, hashToken, touchSession } from '../features/auth/sessions.js';
import { stageAllows } from '../features/two-factor/stage.js';
import type { AppEnv } from './env.js';
import { uploadOf } from './file-upload.js';
import { answerHeaders, plainAnswerLength, setAnswerHeader } from './node-fast-path.js';

/** Whether the request came over TLS (as the proxy says, only when it is trusted). */
export function overTls(c: Context<AppEnv>): boolean {
  const proto = c.get('config').trustProxy ? c.req.header('x-forwarded-proto') : undefined;
  if (proto !== undefined) return proto.split(',').pop()?.trim() === 'https';
  // The scheme is the address's start: read there, not by parsing the whole address (twice a request).
  return /^https:/i.test(c.req.url);
}

/** Secure cookies when asked, or (auto) when the request came over TLS. */
export function secureCookies(c: Context<AppEnv>): boolean {
  const setting = c.get('config').cookieSecure;
  if (setting !== 'auto') return setting === 'true';
  return overTls(c);
}

/**
 * The caller's address. Behind the one trusted proxy (TRUST_PROXY), the
 * rightmost X-Forwarded-For entry: the one that proxy appended. Entries to its
 * left were sent by the client and can say anything.
 */
export function clientIp(c: Context<AppEnv>): string {
  if (c.get('config').trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
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
  // Only over TLS: a browser ignores it on http, and a laptop on http must stay reachable.
  const tls = overTls(c);
  // Nothing from the API is kept, unless a route says otherwise for something that holds no one's
  // data (the program's logo, under its version).
  const api = c.req.path.startsWith('/api/');
  // Given first to the JSON answer sizedJson makes, which has no policy or caching of its own.
  Object.assign(answerHeaders(c), everyAnswer, tls ? overTlsOnly : undefined, api ? apiOnly : undefined);
  await next();
  if (plainAnswerLength(c) !== undefined) return;
  // Set on the answer in place: c.header() after next() would copy the whole answer each time.
  const set = (name: string, value: string) => setAnswerHeader(c, name, value);
  for (const [name, value] of Object.entries(alwaysSet)) set(name, value);
  if (tls) set('strict-transport-security', overTlsOnly['strict-transport-security']);
  // A page that carries its own inline style has set a policy allowing exactly that style.
  if (!c.res.headers.has('content-security-policy')) set('content-security-policy', contentSecurityPolicy());
  if (api && !c.res.headers.has('cache-control')) set('cache-control', apiOnly['cache-control']);
};

// Location for "near me" in the directory; nothing else the app needs (cameras, microphones, payments).
const permissionsPolicy =
  'accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';
/** Set on every answer, whatever it carries. */
const alwaysSet = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': permissionsPolicy,
};
/** What an answer with no policy of its own gets: every header above and the default policy. */
const everyAnswer = { ...alwaysSet, 'content-security-policy': contentSecurityPolicy() };
const overTlsOnly = { 'strict-transport-security': 'max-age=31536000' };
const apiOnly = { 'cache-control': 'no-store' };

const unsafe = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Whether a request that changes something came from Puente's own pages. The
 * browser must say so: Sec-Fetch-Site `same-origin`, or an Origin naming this
 * host (never `null`, which sandboxed frames and redirects send). The host is
 * the request's own; X-Forwarded-Host counts only behind a trusted proxy.
 * A request with neither header is refused: every browser sends one of them.
 */
export function fromOwnPage(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  // A browser's Sec-Fetch-Site cannot be set by a page, and is the answer when present: a form
  // posted under Referrer-Policy no-referrer carries `Origin: null` beside `same-origin`.
  if (site !== undefined) return site === 'same-origin';
  if (origin === undefined) return false;
  const forwarded = c.get('config').trustProxy ? c.req.header('x-forwarded-host') : undefined;
  const host = forwarded?.split(',').pop()?.trim() ?? new URL(c.req.url).host;
  try {
    return origin !== 'null' && new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Changes must come from Puente's own pages (`fromOwnPage`, on top of
 * SameSite cookies) and carry JSON, which a cross-site form cannot send (or,
 * on an upload route, a file's own type, which it cannot send either).
 */
export const sameOriginJson: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (unsafe.has(c.req.method)) {
    if (!fromOwnPage(c)) throw new PuenteError(403, 'errors.crossSite');
    const type = c.req.header('content-type');
    // Or a file to a route that takes one, as its own type: none a cross-site form can send either.
    if (type !== undefined && !/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type) && !uploadOf(c)) {
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
  // Probes of a load balancer or an orchestrator, which have no account.
  '/api/health/live',
  '/api/health/ready',
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
  // A text-message provider's callbacks: its signature is the key (features/messages/hooks.ts).
  '/hooks/*',
]);

/**
 * Reads the session cookie and refuses anonymous calls to anything not public.
 * A cookie for an ended session gets "session ended" so the app can say so plainly.
 */
export const loadSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('actor', undefined);
  const token = readSessionCookie(c);
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
      // A password alone, while a second factor is due, opens only the way to finish signing in.
      if (!stageAllows(session.stage, c.req.path) && !publicApiPaths.has(c.req.path)) {
        throw new PuenteError(
          403,
          session.stage === 'enrol' ? 'errors.enrolmentRequired' : 'errors.secondFactorRequired',
        );
      }
      // A password someone else set opens only the way to change it.
      if (
        session.mustChangePassword &&
        !allowedBeforePasswordChange(c.req.path) &&
        !publicApiPaths.has(c.req.path)
      ) {
        throw new PuenteError(403, 'errors.passwordChangeRequired');
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
