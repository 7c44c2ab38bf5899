import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type PullResponse, type PushResponse, uuidv7 } from '@puente/core';
import { loadOrganization } from '../generate/organization.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { benchDatabase } from '../lib/database.js';
import { benchOrganization, benchPassword } from '../lib/program.js';
import { type ServerProcess, startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';
import { sizes } from './reports.js';

const cli = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));

/** Runs the built `puente` with these settings; its exit code and what it printed. */
function puente(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

/**
 * `puente move-to-postgres` on the backup scenario's program (size M: 10,000
 * people, 100,000 visits, a 10,000-service directory), served by the built
 * server on the embedded database while one CHW's phone has synced its
 * caseload: the whole command's time (pause, snapshot, restore into an empty
 * PostgreSQL database, counts, transaction ids, audit chains), then the
 * phone's change refused by the paused server and taken by the new one, and
 * the phone's next pull against the server on PostgreSQL: no reset, only what
 * changed. Runs from PGlite only (`--db pglite`); one run, no budget yet.
 */
export async function moveScenario({ bench, random: r, size }: ScenarioContext): Promise<ScenarioResult> {
  if (bench.db.kind !== 'pglite' || !bench.env.DATA_DIR) {
    throw new Error('A move starts from the embedded database: run it with --db pglite');
  }
  const dataDir = bench.env.DATA_DIR;
  const s = sizes[size];
  const { orgId, userIds, chwEmails } = await benchOrganization(bench.db, s.chws);
  const loaded = performance.now();
  await loadOrganization(
    bench.db,
    r,
    {
      orgId,
      chwIds: chwEmails.map((e) => userIds[e] ?? ''),
      supervisorId: userIds['supervisor@bench.test'] ?? '',
    },
    s,
  );
  const loadSeconds = (performance.now() - loaded) / 1000;
  // The folder is the server's from here: one process per embedded database.
  await bench.db.close();

  const target = await benchDatabase('postgres');
  let old: ServerProcess | undefined = await startBuiltServer({ DATA_DIR: dataDir });
  let moved: ServerProcess | undefined;
  try {
    const signIn = await fetch(`${old.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: chwEmails[0], password: benchPassword }),
    });
    if (signIn.status !== 200) throw new Error(`sign-in answered ${signIn.status}`);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const headers = { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };
    const device = uuidv7();
    let cursor: string | undefined;
    const pull = async (base: string) => {
      const q = new URLSearchParams({ device, limit: '5000' });
      if (cursor) q.set('cursor', cursor);
      const res = await fetch(`${base}/api/sync/pull?${q}`, { headers });
      if (res.status !== 200) throw new Error(`pull answered ${res.status}`);
      const page = (await res.json()) as PullResponse;
      cursor = page.cursor;
      return page;
    };
    const push = (base: string, mutation: unknown) =>
      fetch(`${base}/api/sync/push`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ device, mutations: [mutation] }),
      });
    const visit = (clientId: string) => {
      const id = uuidv7();
      return {
        id: uuidv7(),
        kind: 'encounter.record',
        clientId,
        encounter: {
          id,
          kind: 'home-visit',
          occurredAt: new Date(Date.now() - 60_000).toISOString(),
          language: 'es',
          activities: ['listening-support'],
        },
      };
    };

    let held = 0;
    const clients: string[] = [];
    for (let more = true; more; ) {
      const page = await pull(old.url);
      held += page.rows.length;
      for (const row of page.rows) if (row.entity === 'client') clients.push(row.id);
      more = page.more;
    }
    // One change the phone sent after its last pull, and one it still holds when the move begins.
    const sent = visit(clients[0] ?? '');
    const sentAnswer = (await (await push(old.url, sent)).json()) as PushResponse;
    if (sentAnswer.results[0]?.status !== 'applied')
      throw new Error('the visit before the move was not taken');
    const queued = visit(clients[1] ?? '');

    const url = target.env.DATABASE_URL ?? '';
    const started = performance.now();
    const move = await puente(['move-to-postgres', url], { DATA_DIR: dataDir });
    const moveMs = performance.now() - started;
    if (move.code !== 0) throw new Error(`move-to-postgres exited ${move.code}:\n${move.out}`);
    if (!move.out.includes('Every count matches the snapshot') || !/Audit chain ok/.test(move.out)) {
      throw new Error(`the move did not say every count and chain held:\n${move.out}`);
    }
    const rows = Number(/: ([\d,]+) rows in \d+ tables/.exec(move.out)?.[1]?.replaceAll(',', '') ?? 0);
    const chains = (move.out.match(/Audit chain ok/g) ?? []).length;

    const refused = await push(old.url, queued);
    if (refused.status !== 503) throw new Error(`the paused server answered a push with ${refused.status}`);
    await old.stop();
    old = undefined;
    moved = await startBuiltServer({ DATA_DIR: dataDir, DATABASE_URL: url });
    const taken = (await (await push(moved.url, queued)).json()) as PushResponse;
    if (taken.results[0]?.status !== 'applied')
      throw new Error('the queued visit was not taken after the move');
    const position = cursor?.split('.')[1] ?? '0';
    const pulled = performance.now();
    const next = await pull(moved.url);
    const pullMs = performance.now() - pulled;
    const got = new Set(next.rows.map((row) => `${row.entity}/${row.id}`));
    for (const m of [sent, queued]) {
      if (!got.has(`encounter/${m.encounter.id}`))
        throw new Error('the first pull after the move missed a change');
    }
    if (next.reset || next.more) throw new Error('the first pull after the move started the phone over');
    // Exactly what the sync log holds after the phone's position for the people it holds: nothing sent again.
    const logged = await target.db.query<{ key: string }>(
      `select distinct sc.entity || '/' || sc.entity_id as key from sync_change sc
         join sync_holding h on h.client_id = sc.client_id and h.device_id = $1
        where sc.seq > $2::bigint`,
      [device, position],
    );
    if (logged.length !== got.size || logged.some((l) => !got.has(l.key))) {
      throw new Error(
        `the first pull after the move sent ${got.size} rows where the log holds ${logged.length}`,
      );
    }
    return {
      data: { clients: s.clients, encounters: s.encounters, services: s.services, loadSeconds },
      figures: {
        'move-to-postgres, whole command': summarize([moveMs]),
        'first pull after the move': summarize([pullMs]),
      },
      values: {
        'rows moved': rows,
        'audit chains verified': chains,
        'rows on the phone before the move': held,
        'rows in its first pull after the move': next.rows.length,
        'changes logged after its position': logged.length,
        'first pull started over (0 = no)': next.reset ? 1 : 0,
      },
    };
  } finally {
    await old?.stop();
    await moved?.stop();
    await target.drop();
    // The keys the server made beside the folder, which bench.drop does not remove.
    for (const suffix of ['-audit.key', '-audit-checkpoints.log'])
      await rm(`${dataDir}${suffix}`, { force: true });
  }
}
