import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demo, demoPassword, type RunningServer, startServer } from './harness.js';
import { newPostgresDatabase } from './postgres.js';

// Two Puente processes on one PostgreSQL: both migrate and seed at the same
// moment, and a session opened on one is honoured (and ended) on the other.
const servers: RunningServer[] = [];
let dropDatabase: (() => Promise<void>) | undefined;

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await dropDatabase?.();
});

describe('two servers on one PostgreSQL', () => {
  it('start together, share sessions, and stop cleanly on SIGTERM', async () => {
    const database = await newPostgresDatabase('puente_e2e');
    dropDatabase = database.drop;
    const url = database.url;
    const env = { DATABASE_URL: url };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
    const [a, b] = servers;
    if (!a || !b) throw new Error('servers did not start');

    for (const s of servers) {
      const health = await (await fetch(`${s.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', database: 'postgres' });
    }
    // Seeding raced too: one demo organization (a demo start makes no first admin beside it), not two.
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    const orgs = await direct.query<{ n: number }>('select count(*)::int as n from organization');
    const demoUsers = await direct.query<{ n: number }>(
      "select count(*)::int as n from app_user where email like '%@demo.puente.test'",
    );
    await direct.end();
    expect(orgs.rows[0]?.n).toBe(1);
    // Admin, supervisor, two CHWs, manager and the pantry's partner account: once each.
    expect(demoUsers.rows[0]?.n).toBe(6);

    const signIn = await fetch(`${a.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: demo.rosa, password: demoPassword }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await fetch(`${b.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: demo.rosa });

    const out = await fetch(`${b.url}/api/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${a.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);

    await a.stop();
    expect(a.exitCode()).toBe(0);
    expect((await (await fetch(`${b.url}/api/health`)).json()).status).toBe('ok');
  });
});
