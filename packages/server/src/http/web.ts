import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context } from 'hono';
import type { Config } from '../config.js';
import type { AppEnv } from './env.js';
import type { Router } from './openapi.js';

const builtWeb = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

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
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    return serveStatic<AppEnv>({ root, onFound })(c, next);
  });
  app.use('*', async (c, next) => {
    const isPage = !c.req.path.startsWith('/api/') && !/\.\w+$/.test(c.req.path) && c.req.method === 'GET';
    if (!isPage) return next();
    return serveStatic<AppEnv>({ root, path: 'index.html', onFound })(c, next);
  });
}
