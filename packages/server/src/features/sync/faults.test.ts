import { type PushResponse, type SyncConflict, sameValue } from '@puente/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, PASSWORD, seedOrg } from '../../test/app.js';
import { register } from '../../test/caseload.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { checkAccounts, fields, Oracle, type Owner, sees } from './sim-checks.js';
import { type Command, command, owners, values } from './sim-commands.js';
import {
  deliverPull,
  deliverPush,
  type PullRequest,
  type PushRequest,
  type Request,
  SimDevice,
} from './sim-device.js';
import { type Server, startServer } from './sim-server.js';
import { visit } from './testing.js';

// Many phones, random offline work, a bad network and a server restart; at
// the end every phone and the server agree and nothing is lost or doubled.
// CI runs a small size; PUENTE_FAULT_RUNS and PUENTE_FAULT_STEPS make it bigger,
// PUENTE_FAULT_SEED and PUENTE_FAULT_PATH replay a failure.
const runs = Number(process.env.PUENTE_FAULT_RUNS ?? 15);
const steps = Number(process.env.PUENTE_FAULT_STEPS ?? 40);
// The seed is printed first, so a run that hangs and never reaches fast-check's own report can be replayed.
const seed = process.env.PUENTE_FAULT_SEED
  ? Number(process.env.PUENTE_FAULT_SEED)
  : Math.floor(Math.random() * 0x7fffffff);
console.info(`offline sync under faults: PUENTE_FAULT_SEED=${seed}`);
const path = process.env.PUENTE_FAULT_PATH;

let server: Server;
const cookie = {} as Record<'chw' | 'chwTablet' | 'supervisor' | 'chw2', string>;
let run = 0;
let adminId = '';
let adminCookie = '';
const userIds = {} as Record<Owner, string>;

beforeAll(async () => {
  server = await startServer();
  const h: Harness = server;
  const org = await seedOrg(h.db, 'faults');
  adminId = org.ids[org.admin] ?? '';
  userIds.chw = org.ids[org.chw] ?? '';
  userIds.chw2 = org.ids[org.chw2] ?? '';
  userIds.supervisor = org.ids[org.supervisor] ?? '';
  const admin = await signIn(h.app, org.admin, PASSWORD);
  adminCookie = admin;
  const team = await call(h.app, 'POST', '/api/teams', {
    cookie: admin,
    body: { name: 'Equipo', supervisorId: org.ids[org.supervisor], memberIds: [org.ids[org.chw]] },
  });
  if (team.status !== 201) throw new Error(`team: ${team.status}`);
  cookie.chw = await signIn(h.app, org.chw, PASSWORD);
  cookie.chwTablet = await signIn(h.app, org.chw, PASSWORD);
  cookie.supervisor = await signIn(h.app, org.supervisor, PASSWORD);
  cookie.chw2 = await signIn(h.app, org.chw2, PASSWORD);
});
afterAll(async () => {
  await server?.testDb.drop();
});

/** One property run: its own people and phones in the same organization, the commands, then the checks. */
async function play(commands: Command[], skews: number[], choices: boolean[]): Promise<void> {
  run++;
  const oracle = new Oracle();
  try {
    await playIn(oracle, commands, skews, choices);
  } finally {
    // This run's people leave every caseload, so the next run's phones start small.
    await server.db.query('update client set assigned_chw_id = $1 where id = any($2::uuid[])', [
      adminId,
      [...oracle.owners.keys()],
    ]);
  }
}

async function playIn(oracle: Oracle, commands: Command[], skews: number[], choices: boolean[]) {
  const cookies = [cookie.chw, cookie.chwTablet, cookie.supervisor, cookie.chw2];
  for (const [owner, body] of [
    ['chw', { givenName: `Marta ${run}`, phone: '+15552220001', notes: 'vive con su hija' }],
    ['chw', { givenName: `Pedro ${run}`, neighborhood: 'Norte' }],
    ['supervisor', { givenName: `Sofía ${run}` }],
    ['chw2', { givenName: `Tomás ${run}`, phone: '+15552220002' }],
  ] as const) {
    const cookieOf = { chw: cookie.chw, supervisor: cookie.supervisor, chw2: cookie.chw2 };
    const person = await register(server, cookieOf[owner], { ...body, notADuplicate: true });
    // A visit already on record, so a phone that receives the person later needs more than changes since its cursor.
    const seen = visit(person.id).encounter;
    const reply = await call(server.app, 'POST', `/api/clients/${person.id}/encounters`, {
      cookie: cookieOf[owner],
      body: seen,
    });
    if (reply.status !== 201) throw new Error(`visit: ${reply.status} ${JSON.stringify(reply.body)}`);
    oracle.registeredOnline(owner, person, seen.id);
  }
  const devices = owners.map(
    (owner, i) => new SimDevice(`${owner} phone ${i}`, owner, cookies[i] ?? '', skews[i] ?? 0),
  );
  const ownerOf = new Map(devices.map((d, i) => [d, owners[i] ?? 'chw']));
  const network: Request[] = [];

  const push = async (request: PushRequest): Promise<PushResponse> => {
    const reply = await deliverPush(server, request);
    oracle.took(request, [reply]);
    return reply;
  };
  const pull = (request: PullRequest) => deliverPull(server, request);
  const send = (request: Request) => (request.kind === 'push' ? push(request) : pull(request));
  const pullUntilDone = async (d: SimDevice) => {
    for (let page = 0; ; page++) {
      if (page > 50) throw new Error(`${d.name}: pull never ends`);
      const reply = await pull(d.pullRequest(5000));
      d.store(reply);
      if (!reply.more) return;
    }
  };
  /** The clients of this run a phone shows, and one of them by a random index. */
  const clientOf = (d: SimDevice, c: number) => {
    const ids = d.clientIds().filter((id) => oracle.owners.has(id));
    return ids[c % Math.max(ids.length, 1)];
  };

  for (const d of devices) await pullUntilDone(d);
  for (const step of commands) {
    if (step.t === 'restart') {
      const crashed = step.crash && devices[step.crash.d];
      if (step.crash && crashed && crashed.outbox.length > 0) {
        // The server dies part-way through a batch: the mutations before it are in, the phone hears nothing.
        const batch = crashed.pushRequest(1 + (step.crash.n % crashed.outbox.length));
        const prefix = step.crash.k % (batch.mutations.length + 1);
        if (prefix > 0) await push({ ...batch, mutations: batch.mutations.slice(0, prefix) });
      }
      await server.restart();
      continue;
    }
    if (step.t === 'transfer') {
      const people = [...oracle.onServer].sort();
      const id = people[step.c % Math.max(people.length, 1)];
      if (id && oracle.owners.get(id) !== step.to) {
        const reply = await call(server.app, 'POST', `/api/clients/${id}/transfer`, {
          cookie: adminCookie,
          body: { chwId: userIds[step.to], reason: 'Cambio de zona' },
        });
        if (reply.status !== 204) throw new Error(`transfer: ${reply.status} ${JSON.stringify(reply.body)}`);
        oracle.transferred(id, step.to);
      }
      continue;
    }
    if (step.t === 'arrive') {
      // A request that was held up in the network arrives now; its phone stopped listening long ago.
      const [late] = network.splice(step.k % Math.max(network.length, 1), 1);
      if (late) await send(late);
      continue;
    }
    const d = devices[step.d];
    if (!d) continue;
    if (step.t === 'edit') {
      const id = clientOf(d, step.c);
      if (id) oracle.made(d.edit(id, step.field, values[step.field][step.v], step.form ? fields : []));
    } else if (step.t === 'cross') {
      const other = devices[step.other];
      const id = clientOf(d, step.c);
      if (id && other && other !== d && other.clientIds().includes(id)) {
        oracle.made(d.edit(id, step.field, values[step.field][step.v]));
        oracle.made(other.edit(id, step.field, values[step.field][(step.v + 1) % 3]));
      }
    } else if (step.t === 'visit') {
      const id = clientOf(d, step.c);
      if (id) oracle.made(d.visit(id));
    } else if (step.t === 'register') {
      const phone = values.phone[step.v];
      const m = d.register(`Nueva ${run}.${oracle.size()}`, { notes: 'nueva', ...(phone ? { phone } : {}) });
      oracle.made(m, ownerOf.get(d));
    } else if (step.t === 'push' && d.outbox.length > 0) {
      const request = d.pushRequest(1 + (step.n % d.outbox.length));
      if (step.fate === 'ok') d.settle((await push(request)).results);
      else if (step.fate === 'lost-response') await push(request);
      else if (step.fate === 'late') network.push(request);
      else if (step.fate === 'twice') {
        // The network delivers the request twice at once; the phone hears one of the answers.
        const replies = await Promise.all([deliverPush(server, request), deliverPush(server, request)]);
        oracle.took(request, replies);
        d.settle((step.n % 2 ? replies[1] : replies[0]).results);
      }
    } else if (step.t === 'pull') {
      const request = d.pullRequest(step.limit);
      if (step.fate === 'ok') d.store(await pull(request));
      else if (step.fate === 'lost') await pull(request);
      else if (step.fate === 'late') network.push(request);
      else {
        const [first, second] = await Promise.all([pull(request), pull(request)]);
        const heard = step.heard ? first : second;
        if (heard) d.store(heard);
      }
    } else if (step.t === 'together') {
      // Two phones sync at the same moment: one pushes while the other pulls.
      const other = devices[step.other === step.d ? (step.d + 1) % devices.length : step.other];
      if (other && d.outbox.length > 0) {
        const [pushed, pulled] = await Promise.all([
          push(d.pushRequest(d.outbox.length)),
          pull(other.pullRequest(5000)),
        ]);
        d.settle(pushed.results);
        other.store(pulled);
      }
    } else if (step.t === 'resolve') {
      const listed = await openConflicts(d.cookie, oracle);
      const conflict = listed[step.c % Math.max(listed.length, 1)];
      if (conflict) oracle.resolved(conflict, step.choose, await resolve(conflict.id, d.cookie, step.choose));
    }
  }

  // Signal comes back for good: what the network still holds arrives, every phone sends its outbox, then pulls.
  const syncAll = async () => {
    for (const d of devices) {
      for (let round = 0; d.outbox.length > 0; round++) {
        if (round > 5) throw new Error(`${d.name}: the outbox never empties`);
        d.settle((await push(d.pushRequest(d.outbox.length))).results);
      }
    }
    for (const d of devices) await pullUntilDone(d);
  };
  for (const late of network.splice(0)) await send(late);
  await syncAll();
  // Everyone looks at the changes to check and settles each one, keeping or taking back the value that lost.
  let choice = 0;
  for (const d of devices) {
    for (const conflict of await openConflicts(d.cookie, oracle)) {
      const choose = choices[choice++ % Math.max(choices.length, 1)] ? 'lost' : 'kept';
      oracle.resolved(conflict, choose, await resolve(conflict.id, d.cookie, choose));
    }
  }
  await syncAll();

  for (const d of devices) {
    // Quiet: one more pull brings nothing new. (On PostgreSQL it may send rows again while another
    // transaction in the cluster is older than their change; a row sent twice is harmless.)
    const quiet = await pull(d.pullRequest(5000));
    const news = quiet.rows.filter((r) => !sameValue(d.rows.get(`${r.entity}/${r.id}`), r));
    expect({ device: d.name, news, removed: quiet.removed, more: quiet.more }).toEqual({
      device: d.name,
      news: [],
      removed: [],
      more: false,
    });
    d.store(quiet);
    // A phone that syncs from nothing now gets exactly what this phone holds.
    const fresh = new SimDevice('a new phone', d.owner, d.cookie, 0);
    await pullUntilDone(fresh);
    expect({ device: d.name, rows: sorted(d.rows) }).toEqual({ device: d.name, rows: sorted(fresh.rows) });
    // And what it holds of this run's people is what its owner may see, with every visit made, once.
    const owner = ownerOf.get(d) ?? 'chw';
    expect({ device: d.name, held: oracle.heldBy(d) }).toEqual({
      device: d.name,
      held: oracle.expectedFor(sees[owner]),
    });
  }
  await checkAccounts(server.db, oracle);
}

/** The open conflicts about this run's people that the phone's user sees. */
async function openConflicts(cookie: string, oracle: Oracle): Promise<SyncConflict[]> {
  const reply = await call(server.app, 'GET', '/api/sync/conflicts', { cookie });
  return bodyAs<{ conflicts: SyncConflict[] }>(reply).conflicts.filter((c) => oracle.owners.has(c.clientId));
}

async function resolve(id: string, cookie: string, choose: 'kept' | 'lost'): Promise<number> {
  const reply = await call(server.app, 'POST', `/api/sync/conflicts/${id}/resolve`, {
    cookie,
    body: { choose },
  });
  return reply.status;
}

const sorted = (rows: Map<string, unknown>) => [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));

describe('offline sync under faults', () => {
  it('brings every phone and the server to the same records, none lost, none doubled', {
    timeout: Math.max(120_000, runs * steps * 500),
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { maxLength: steps, size: 'max' }),
        fc.array(fc.constantFrom(-120_000, 0, 120_000), {
          minLength: owners.length,
          maxLength: owners.length,
        }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        play,
      ),
      {
        numRuns: runs,
        seed,
        ...(path ? { path } : {}),
        // Shrinking a failure replays the whole server many times over; CI reports the failing case
        // (seed and path) at once instead, and PUENTE_FAULT_SHRINK=1 shrinks it on a developer's machine.
        endOnFailure: !process.env.PUENTE_FAULT_SHRINK,
      },
    );
  });
});
