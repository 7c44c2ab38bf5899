import { createHash } from 'node:crypto';
import { buildApp, createLogger, type Database } from '@puente/server';
import { testConfig } from '@puente/server/testing';
import pg from 'pg';
import type { SentStatement, VisitRequest } from './plan.js';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
type Answer = { rows?: Record<string, unknown>[] } | undefined;

/**
 * Every statement this process hands node-postgres while `work` runs, as the driver
 * takes it (text, values) with the rows it answered. Only for a moment with nothing
 * else running: it wraps the driver's Client.query, which every pool query goes through.
 */
export async function driverStatements(work: () => Promise<void>): Promise<SentStatement[]> {
  const sent: SentStatement[] = [];
  const prototype = pg.Client.prototype as unknown as { query: Query };
  const original = prototype.query;
  prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args;
    const text = typeof config === 'string' ? config : (config as { text?: string }).text;
    const given = typeof config === 'object' ? (config as { values?: unknown[] }).values : undefined;
    const entry: SentStatement = {
      text: text ?? '',
      values: given ?? (Array.isArray(values) ? values : []),
      rows: [],
    };
    if (text) sent.push(entry);
    const keep = (answer: Answer) => {
      entry.rows = answer?.rows ?? [];
    };
    // The pool passes a callback; a transaction's own client awaits a promise.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, answer: Answer) => {
        keep(answer);
        callback(error, answer);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(keep, () => {});
    return result;
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return sent;
}

/** The session cookie's token, hashed as Puente keeps it (a lean handler needs nothing else of the session). */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
export const sessionToken = (cookie: string) => /(?:^|;\s*)puente_session=([^;]+)/.exec(cookie)?.[1];

/**
 * What Puente sends PostgreSQL for one "add a visit" (POST /api/clients/:id/encounters),
 * its session check included: the app is built in this process on the benchmark's
 * database, the CHW signs in, records `body` for `clientId`, and every statement of that
 * request is kept. The built server sends the same texts: they are the app's own.
 */
export async function captureVisit(
  db: Database,
  chw: { email: string; password: string },
  clientId: string,
  body: Record<string, unknown>,
): Promise<{ sent: SentStatement[]; request: VisitRequest }> {
  if (db.kind !== 'postgres') throw new Error('the lean baseline speaks to PostgreSQL through node-postgres');
  const app = buildApp({ db, config: testConfig(), log: createLogger('silent') });
  const signIn = await app.request('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(chw),
  });
  const token = sessionToken(signIn.headers.get('set-cookie') ?? '');
  if (!token) throw new Error(`sign-in for the capture answered ${signIn.status}`);
  let status = 0;
  const sent = await driverStatements(async () => {
    const res = await app.request(`/api/clients/${clientId}/encounters`, {
      method: 'POST',
      headers: {
        cookie: `puente_session=${token}`,
        'content-type': 'application/json',
        'sec-fetch-site': 'same-origin',
      },
      body: JSON.stringify(body),
    });
    status = res.status;
    await res.arrayBuffer();
  });
  if (status !== 201) throw new Error(`the captured visit answered ${status}`);
  return { sent, request: { tokenHash: tokenHash(token), clientId, body } };
}
