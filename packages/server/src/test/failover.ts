import { uuidv7 } from '@puente/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.js';
import { createLogger } from '../log.js';
import { type RunningServer, startServer } from '../server.js';
import { PASSWORD, seedOrg } from './app.js';
import { engine } from './database.js';
import { type StandbyPair, startStandbyPair } from './standby.js';

/**
 * The failover recipe of the README, end to end: Puente is given both hosts,
 * CHWs keep recording visits, the primary goes (killed, or frozen), the
 * operator promotes the synchronous standby, and every visit Puente said it
 * had saved is on the new primary. It makes its own two clusters, so it runs
 * with the PostgreSQL half of the suite, where PostgreSQL's programs are.
 */

const WRITERS = 6;
/** How long the operator takes to notice and promote, as a share of the 30 s allowed. */
const OPERATOR_PAUSE_MS = 2000;

interface Attempt {
  id: string;
  status: number;
  startedAt: number;
  endedAt: number;
  retryAfter: string | null;
  type: string | null;
  code: unknown;
}

export interface WayDown {
  /** How the primary goes, in the test's name and figures. */
  how: 'killed' | 'frozen';
  stop(pair: StandbyPair): Promise<void>;
  /** The part of 5450–5459 this file's clusters take (files run side by side). */
  ports: readonly [number, number];
}

/** The whole failover run, for one way the primary goes (db/failover*.test.ts). */
export function failoverSuite({ how, stop, ports }: WayDown): void {
  describe.skipIf(engine !== 'postgres')(`failover to a synchronous standby, the primary ${how}`, () => {
    let pair: StandbyPair;
    let server: RunningServer;

    beforeAll(async () => {
      pair = await startStandbyPair(ports);
      server = await startServer(
        testConfig({ databaseUrl: pair.url, port: 0, host: '127.0.0.1', workers: 1 }),
        createLogger('silent'),
      );
    }, 90_000);

    afterAll(async () => {
      await server?.stop();
      await pair?.remove();
    });

    const send = async (path: string, body: unknown, cookie = '') =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', cookie },
        body: JSON.stringify(body),
      });

    it('loses no acknowledged visit, and takes visits again within 30 s', async () => {
      const org = await seedOrg(server.db, `failover-${how}`);
      const signedIn = await send('/api/auth/sign-in', { email: org.chw, password: PASSWORD });
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const person = await send(
        '/api/clients',
        { givenName: 'Conmutación', preferredLanguage: 'es' },
        cookie,
      );
      expect(person.status).toBe(201);
      const { id: clientId } = (await person.json()) as { id: string };

      const attempts: Attempt[] = [];
      let writing = true;
      const writer = async () => {
        while (writing) {
          const id = uuidv7();
          const startedAt = Date.now();
          const reply = await send(
            `/api/clients/${clientId}/encounters`,
            {
              id,
              kind: 'home-visit',
              occurredAt: new Date(startedAt - 3600_000).toISOString(),
              durationMinutes: 30,
              language: 'es',
              activities: ['listening-support'],
            },
            cookie,
          ).catch(() => undefined);
          const problem =
            reply && reply.status >= 400 ? ((await reply.json()) as { code?: unknown }) : undefined;
          if (reply && !problem) await reply.arrayBuffer();
          attempts.push({
            id,
            status: reply?.status ?? 0,
            startedAt,
            endedAt: Date.now(),
            retryAfter: reply?.headers.get('retry-after') ?? null,
            type: reply?.headers.get('content-type') ?? null,
            code: problem?.code,
          });
          // A refused request is tried again after a short pause, as the phone's outbox would (sooner).
          if (!reply || reply.status >= 500) await new Promise((r) => setTimeout(r, 200));
        }
      };
      const writers = Array.from({ length: WRITERS }, writer);

      // Writes flow on the first primary until a few hundred are in.
      while (attempts.filter((a) => a.status === 201).length < 150)
        await new Promise((r) => setTimeout(r, 50));
      await stop(pair);
      // From when the primary is surely gone: requests sent before may still have been answered by it.
      const killedAt = Date.now();
      await new Promise((r) => setTimeout(r, OPERATOR_PAUSE_MS));
      await pair.promoteStandby();
      const promotedAt = Date.now();
      // Writes go on until several have been taken by the new primary, or 30 s have passed since the crash.
      const takenAfter = () => attempts.filter((a) => a.status === 201 && a.startedAt > promotedAt).length;
      while (takenAfter() < 50 && Date.now() - killedAt < 30_000) await new Promise((r) => setTimeout(r, 50));
      writing = false;
      await Promise.all(writers);

      const acknowledged = attempts.filter((a) => a.status >= 200 && a.status < 300);
      const refused = attempts.filter((a) => a.status < 200 || a.status >= 300);
      const firstAfter = acknowledged
        .filter((a) => a.startedAt > killedAt)
        .sort((a, b) => a.endedAt - b.endedAt)[0];

      const check = new pg.Client({ connectionString: pair.urlOf(pair.ports.standby) });
      await check.connect();
      const { rows } = await check.query<{ id: string }>(
        'select id from encounter where id = any($1::uuid[])',
        [acknowledged.map((a) => a.id)],
      );
      const { rows: promoted } = await check.query<{ standby: boolean }>(
        'select pg_is_in_recovery() as standby',
      );
      await check.end();
      const found = new Set(rows.map((r) => r.id));
      const missing = acknowledged.filter((a) => !found.has(a.id));

      const figures = {
        primary: how,
        writers: WRITERS,
        acknowledged: acknowledged.length,
        acknowledgedAfterPromotion: takenAfter(),
        refusedDuringSwitch: refused.length,
        refusedBy: Object.fromEntries(
          [...new Set(refused.map((a) => `${a.status} ${a.code ?? ''}`.trim()))].map((k) => [
            k,
            refused.filter((a) => `${a.status} ${a.code ?? ''}`.trim() === k).length,
          ]),
        ),
        missing: missing.length,
        operatorPauseMs: OPERATOR_PAUSE_MS,
        recoveredMsAfterCrash: firstAfter ? firstAfter.endedAt - killedAt : null,
        recoveredMsAfterPromotion: firstAfter ? firstAfter.endedAt - promotedAt : null,
      };
      // The figures the README quotes: printed on every run.
      console.log(`failover figures ${JSON.stringify(figures)}`);

      expect(promoted[0]?.standby).toBe(false);
      expect(acknowledged.length).toBeGreaterThan(150);
      expect(missing).toEqual([]);
      expect(firstAfter).toBeDefined();
      expect(figures.recoveredMsAfterCrash).toBeLessThanOrEqual(30_000);
      // While no primary answers, every refusal says so plainly: a 503 problem with Retry-After, never a 500.
      for (const a of refused) {
        expect(a).toMatchObject({ status: 503, type: 'application/problem+json' });
        expect(a.code === 'databaseSwitching' || a.code === 'changeNotConfirmed').toBe(true);
        expect(Number(a.retryAfter)).toBeGreaterThan(0);
      }
    }, 90_000);
  });
}
