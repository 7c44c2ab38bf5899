import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/types.js';
import { useApp } from '../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../test/caseload.js';
import { engine, testPgUrl } from '../test/database.js';
import { call } from '../test/http.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = fileURLToPath(new URL('../cli.ts', import.meta.url));
const TOKEN = 'cluster-metrics-token-0123456789abcdef01';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** What the CLI wrote: its JSON log lines parsed, the rest as text. */
interface Started {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  stderr(): string;
  /** Settles with the first log line `match` accepts (one already written counts). */
  logged(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** `puente start` from the source, as `node dist/cli.js start` runs once built (tsx compiles on the way in). */
function startCli(env: Record<string, string>): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', cli, 'start'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const watchers = new Set<() => void>();
  let rest = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('{')) logs.push(JSON.parse(line));
    for (const w of watchers) w();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logs,
    stderr: () => stderr,
    exited,
    logged: (match) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = logs.find(match);
          if (!found) return;
          watchers.delete(check);
          resolve(found);
        };
        watchers.add(check);
        check();
        void exited.then((code) => reject(new Error(`the server exited (${code}): ${stderr}`)));
      }),
  };
}

/** One request on a connection of its own, so the cluster hands each to a worker in turn. */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('puente start with PUENTE_WORKERS', () => {
  it('refuses two workers on the embedded database, in words, before opening it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'puente-cluster-pglite-'));
    try {
      const started = startCli({ PUENTE_WORKERS: '2', DATA_DIR: join(dataDir, 'data') });
      expect(await started.exited).toBe(78);
      expect(started.stderr()).toContain(
        'PUENTE_WORKERS=2 needs PostgreSQL (DATABASE_URL): the embedded database can be opened by one process only',
      );
      expect(started.logs).toEqual([]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(engine !== 'postgres')('a cluster of two HTTP workers and a jobs worker (PostgreSQL)', () => {
  const h = useApp();
  let w: CaseloadWorld;
  let server: Started;
  let port: number;
  let alertId: string;
  let personId: string;
  let dataDir: string;
  let other: Database;

  beforeAll(async () => {
    w = await caseloadWorld(h, 'cluster');
    const settings = await call(h.app, 'PUT', '/api/program/crisis-response', {
      cookie: w.cookie.admin,
      body: {
        crisisLines: [{ label: '988 Lifeline', phone: '988', sms: '988', language: 'en' }],
        onCall: [{ userId: w.org.ids[w.org.supervisor], phone: '+1 555 0100' }],
        rescreenDays: 28,
        rescreenFromTotal: 10,
      },
    });
    expect(settings.status).toBe(200);
    personId = (await register(h, w.cookie.chw, { givenName: 'Amparo', familyName: 'Reyes' })).id;
    const raised = await call(h.app, 'POST', '/api/alerts', {
      cookie: w.cookie.chw,
      body: {
        id: '01900000-0000-7000-8000-00000000c1a1',
        clientId: personId,
        note: 'Amparo is not safe tonight',
      },
    });
    expect(raised.status).toBe(201);
    alertId = String(raised.body.id);
    // Nobody acknowledged it in time: due to go to the next person on call at the jobs' next pass.
    await h.db.query(`update risk_alert set escalate_at = now() - interval '1 minute' where id = $1`, [
      alertId,
    ]);

    const [{ name } = { name: '' }] = await h.db.query<{ name: string }>('select current_database() as name');
    const url = new URL(testPgUrl ?? '');
    url.pathname = `/${name}`;
    dataDir = await mkdtemp(join(tmpdir(), 'puente-cluster-'));
    port = await freePort();
    server = startCli({
      DATABASE_URL: url.toString(),
      PUENTE_WORKERS: '2',
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      AUDIT_KEY: h.config.auditKey ?? '',
      PUENTE_METRICS_TOKEN: TOKEN,
      JOBS_INTERVAL_SECONDS: '1',
      SHUTDOWN_GRACE_SECONDS: '60',
    });
    await server.logged((l) => String(l.msg).startsWith('SMTP_HOST is not set'));
    for (;;) {
      const health = await get(port, '/api/health').catch(() => undefined);
      if (health?.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    other = await h.testDb.openAnother();
  }, 120_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers from both HTTP workers, and one scrape shows every worker under its own label', async () => {
    for (let i = 0; i < 8; i++) expect((await get(port, '/api/health')).status).toBe(200);
    const scrape = await get(port, '/metrics', { authorization: `Bearer ${TOKEN}` });
    expect(scrape.status).toBe(200);
    const workersOf = (metric: string) =>
      new Set(
        scrape.text
          .split('\n')
          .filter((l) => l.startsWith(`${metric}{`))
          .map((l) => /worker="([^"]+)"/.exec(l)?.[1]),
      );
    expect(workersOf('puente_http_requests_total')).toEqual(new Set(['1', '2']));
    expect(workersOf('puente_db_statements_total')).toEqual(new Set(['1', '2', 'jobs']));
    expect(workersOf('puente_db_pool_max_connections')).toEqual(new Set(['1', '2', 'jobs']));
    // The program's own figures once, without a worker label.
    expect(scrape.text).toMatch(/^puente_outbox_pending_messages \d+$/m);
  });

  it('runs the background jobs in the jobs worker only: the overdue alert escalates once', async () => {
    await server.logged((l) => l.msg === 'jobs ran' && Number(l.escalated) > 0);
    const steps = await h.db.query<{ n: number }>(
      `select count(*)::int as n from alert_event where alert_id = $1 and kind = 'escalated'`,
      [alertId],
    );
    expect(steps[0]?.n).toBe(1);
    // startJobs warns once per process that runs it (no mail server here): once in the whole cluster.
    const started = server.logs.filter((l) => String(l.msg).startsWith('SMTP_HOST is not set'));
    expect(started.map((l) => l.worker)).toEqual(['jobs']);
    const ran = server.logs.filter((l) => l.msg === 'jobs ran' || l.msg === 'audit checkpoint');
    expect(new Set(ran.map((l) => l.worker))).toEqual(new Set(['jobs']));
  });

  it('forks an HTTP worker that dies again, and the new one serves', async () => {
    const pid = server.child.pid ?? 0;
    const children = async () =>
      (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    // Field 19 of /proc/<pid>/stat is the nice value: the jobs worker's is 5, the HTTP workers' 0.
    const niceOf = async (p: number) =>
      Number((await readFile(`/proc/${p}/stat`, 'utf8')).split(') ')[1]?.split(' ')[16]);
    const before = await children();
    expect((await Promise.all(before.map(niceOf))).sort()).toEqual([0, 0, 5]);
    // Every worker runs with its heap's growth bounded and its young generation capped (primary.ts).
    for (const child of before) {
      const flags = (await readFile(`/proc/${child}/cmdline`, 'utf8')).split('\0');
      expect(flags).toEqual(expect.arrayContaining(['--max-semi-space-size=4', '--heap-growing-percent=50']));
    }
    const victim = before[(await Promise.all(before.map(niceOf))).indexOf(0)] ?? 0;
    process.kill(victim, 'SIGKILL');
    const died = await server.logged((l) => l.msg === 'worker died; forking it again');
    expect(died).toMatchObject({ signal: 'SIGKILL' });
    // Until the new worker has answered something, its label is missing from the requests counted.
    for (;;) {
      expect((await get(port, '/api/health')).status).toBe(200);
      const scrape = await get(port, '/metrics', { authorization: `Bearer ${TOKEN}` });
      const workers = new Set(
        scrape.text
          .split('\n')
          .filter((l) => l.startsWith('puente_http_requests_total{'))
          .map((l) => /worker="([^"]+)"/.exec(l)?.[1]),
      );
      if (workers.has(String(died.worker))) break;
    }
    const after = await children();
    expect(after).toHaveLength(3);
    expect(after).not.toContain(victim);
  }, 60_000);

  it('on SIGTERM still answers a request in flight, then exits 0', async () => {
    // The test holds the person's row: the visit's write waits for it inside a worker, in flight.
    let release: () => void = () => {};
    let locked: () => void = () => {};
    const lockTaken = new Promise<void>((r) => {
      locked = r;
    });
    const held = other.transaction(async (tx) => {
      await tx.query('select 1 from client where id = $1 for update', [personId]);
      locked();
      await new Promise<void>((r) => {
        release = r;
      });
    });
    // Sent only once the row is held: sent before, the visit could be written first and never wait.
    await lockTaken;
    const body = JSON.stringify({
      kind: 'phone-call',
      occurredAt: new Date().toISOString(),
      language: 'es',
      durationMinutes: 10,
      activities: ['listening-support'],
      note: 'Llamada de seguimiento.',
    });
    const answered = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: `/api/clients/${personId}/encounters`,
          method: 'POST',
          agent: false,
          headers: {
            cookie: w.cookie.chw,
            'content-type': 'application/json',
            'sec-fetch-site': 'same-origin',
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.once('error', reject);
      req.end(body);
    });
    for (const giveUp = Date.now() + 30_000; ; ) {
      const [waiting] = await h.db.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if ((waiting?.n ?? 0) > 0) break;
      if (Date.now() > giveUp) {
        release();
        throw new Error('the visit never waited for the held row');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    server.child.kill('SIGTERM');
    // Both HTTP workers have begun to stop (stopped accepting) while the visit still waits.
    await server.logged((l) => l.msg === 'worker shutting down' && l.worker === '1');
    await server.logged((l) => l.msg === 'worker shutting down' && l.worker === '2');
    // The jobs worker waits for the HTTP workers to finish before its last pass.
    expect(server.logs.some((l) => l.msg === 'worker shutting down' && l.worker === 'jobs')).toBe(false);
    release();
    await held;
    expect(await answered).toBe(201);
    expect(await server.exited).toBe(0);
    // So the visit's audit event, written during the shutdown, is in its organization's chain.
    const [unlinked] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from audit_event where link is null',
    );
    expect(unlinked?.n).toBe(0);
    await other.close();
  }, 90_000);
});
