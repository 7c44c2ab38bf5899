import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { accountPageOf, publicPageOf } from '@puente/core';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Config } from '../config.js';
import { readSessionCookie } from '../features/auth/session-cookie.js';
import type { AppEnv } from './env.js';
import {
  firstPaintHtml,
  firstPaintStyle,
  firstPaintStyleSource,
  isRefusalCode,
  pageLocale,
  safeNext,
} from './first-paint.js';
import type { Router } from './openapi.js';
import { contentSecurityPolicy } from './security.js';

const builtWeb = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The cookie the web app sets when someone picks a language on this device. */
export const LANGUAGE_COOKIE = 'puente_lang';

/**
 * Serves the built web app on the same port as the API. Hashed assets are
 * cached for a year; the page and the service worker are always re-checked so
 * a new version reaches phones. Unknown paths get the app (it routes itself).
 */
export function serveWeb(app: Router, config: Config): void {
  const root = config.webDir ?? builtWeb;
  if (!existsSync(root)) return;
  const onFound = (path: string, c: Context<AppEnv>) => {
    c.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  };
  // Pages are paths without a file extension; everything else is a file of the build.
  const isPage = (c: Context<AppEnv>) => !c.req.path.startsWith('/api/') && !/\.\w+$/.test(c.req.path);
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD') || isPage(c)) {
      return next();
    }
    return serveStatic<AppEnv>({ root, onFound })(c, next);
  });
  let page: Promise<string> | undefined;
  app.use('*', async (c, next) => {
    if (!isPage(c) || c.req.method !== 'GET') return next();
    // Someone signed out, on a page of the signed-in app: paint the sign-in form into the page itself.
    if (!readSessionCookie(c) && !publicPageOf(c.req.path) && !accountPageOf(c.req.path)) {
      page ??= readFile(join(root, 'index.html'), 'utf8');
      return withFirstPaint(c, await page);
    }
    return serveStatic<AppEnv>({ root, path: 'index.html', onFound })(c, next);
  });
}

function withFirstPaint(c: Context<AppEnv>, html: string): Response {
  const locale = pageLocale(c.req.query('lang'), getCookie(c, LANGUAGE_COOKIE), c.get('locale'));
  const refusal = c.req.query('signin');
  const count = Number(c.req.query('n'));
  const asked = c.req.query('next') ?? `${c.req.path}`;
  const form = firstPaintHtml(locale, {
    refusal: refusal && isRefusalCode(refusal) ? refusal : undefined,
    count: Number.isFinite(count) ? count : undefined,
    next: safeNext(asked),
  });
  const body = html
    .replace(/<html lang="[a-z]+"/, `<html lang="${locale}"`)
    // A stylesheet would hold the form back by a round trip: fetch it alongside, apply it when the script runs.
    .replace(/<link rel="stylesheet"/g, '<link rel="preload" as="style"')
    .replace('</head>', `${firstPaintStyle}</head>`)
    .replace('<div id="app"></div>', `<div id="app">${form}</div>`);
  c.header('cache-control', 'no-cache');
  c.header('vary', 'cookie, accept-language');
  c.header('content-security-policy', contentSecurityPolicy(firstPaintStyleSource));
  return c.html(body, 200);
}
