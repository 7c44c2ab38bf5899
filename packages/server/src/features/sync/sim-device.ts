import type { PullResponse, PushResponse, SyncMutationInput, SyncRow } from '@puente/core';
import { uuidv7 } from '@puente/core';
import type { Harness } from '../../test/app.js';
import { bodyAs, call } from '../../test/http.js';
import { visit } from './testing.js';

// A phone as the fault test drives it: the rows it pulled, its outbox, its
// cursor, and nothing else. It behaves like the web app's offline layer
// (packages/web/src/offline): edits are made against what the phone shows
// (pulled rows with its pending changes laid over), pushes send the outbox
// in order, and only a pull brings the server's rows.

export type Mutation = SyncMutationInput;
export type ClientUpdate = Extract<Mutation, { kind: 'client.update' }>;

/** A request on its way to the server, kept so the network can deliver it late, twice, or never. */
export type Request = PushRequest | PullRequest;
export type PushRequest = { kind: 'push'; device: SimDevice; mutations: Mutation[] };
export type PullRequest = { kind: 'pull'; device: SimDevice; cursor: string | undefined; limit: number };

export class SimDevice {
  readonly id = uuidv7();
  cursor: string | undefined;
  /** Pulled rows by `entity/id`. */
  readonly rows = new Map<string, SyncRow>();
  /** Made on the phone and not yet acknowledged, in the order made. */
  outbox: Mutation[] = [];

  constructor(
    readonly name: string,
    /** Whose phone it is, as the test names people. */
    readonly owner: string,
    readonly cookie: string,
    /** The phone's clock is this far off the server's (ms). */
    private readonly skew: number,
  ) {}

  private newId = () => uuidv7(Date.now() + this.skew);

  /** Clients the phone shows: pulled ones and ones it registered and has not seen come back yet. */
  clientIds(): string[] {
    const ids = new Set<string>();
    for (const row of this.rows.values()) if (row.entity === 'client') ids.add(row.id);
    for (const m of this.outbox) if (m.kind === 'client.register' && m.client.id) ids.add(m.client.id);
    return [...ids].sort();
  }

  /** A client's fields as the phone shows them: the pulled row with pending changes laid over. */
  shown(clientId: string): Record<string, unknown> {
    const pulled = this.rows.get(`client/${clientId}`)?.data as Record<string, unknown> | undefined;
    let fields: Record<string, unknown> = { ...pulled };
    for (const m of this.outbox) {
      if (m.kind === 'client.register' && m.client.id === clientId && !pulled) fields = { ...m.client };
      if (m.kind === 'client.update' && m.clientId === clientId) fields = { ...fields, ...m.change };
    }
    return fields;
  }

  /**
   * Changes one field. `form` lists fields sent along unchanged, as the web
   * app's details form sends every field it shows, changed or not.
   */
  edit(clientId: string, field: string, value: unknown, form: readonly string[] = []): ClientUpdate {
    const shown = this.shown(clientId);
    const base = Object.fromEntries([...form, field].map((f) => [f, shown[f] ?? null]));
    const m: ClientUpdate = {
      id: this.newId(),
      kind: 'client.update',
      clientId,
      base,
      change: { ...base, [field]: value },
    };
    this.outbox.push(m);
    return m;
  }

  visit(clientId: string): Mutation {
    const m = { ...visit(clientId), id: this.newId() } as Mutation;
    this.outbox.push(m);
    return m;
  }

  register(givenName: string, fields: Record<string, unknown>): Mutation {
    const m: Mutation = {
      id: this.newId(),
      kind: 'client.register',
      client: { id: uuidv7(), givenName, preferredLanguage: 'es', notADuplicate: true, ...fields },
    };
    this.outbox.push(m);
    return m;
  }

  pushRequest(count: number): PushRequest {
    return { kind: 'push', device: this, mutations: this.outbox.slice(0, count) };
  }

  pullRequest(limit: number): PullRequest {
    return { kind: 'pull', device: this, cursor: this.cursor, limit };
  }

  /** Takes push results in: applied and replayed ones leave the outbox; anything else stays to be sent again. */
  settle(results: PushResponse['results']): void {
    const done = new Set(results.filter((r) => r.status !== 'failed').map((r) => r.id));
    this.outbox = this.outbox.filter((m) => !done.has(m.id));
  }

  /** Keeps one pulled page, as the web store does: reset, removals, rows, then the cursor. */
  store(page: PullResponse): void {
    if (page.reset) this.rows.clear();
    const removed = new Set(page.removed);
    for (const [key, row] of this.rows) if (removed.has(row.clientId)) this.rows.delete(key);
    for (const row of page.rows) this.rows.set(`${row.entity}/${row.id}`, row);
    this.cursor = page.cursor;
  }
}

/** Sends a push to the server as it stands now; the answer is the server's, whether or not the phone hears it. */
export async function deliverPush(h: Harness, request: PushRequest): Promise<PushResponse> {
  const { device } = request;
  const reply = await call(h.app, 'POST', '/api/sync/push', {
    cookie: device.cookie,
    body: { device: device.id, mutations: request.mutations },
  });
  if (reply.status !== 200) throw new Error(`push: ${reply.status} ${JSON.stringify(reply.body)}`);
  return bodyAs<PushResponse>(reply);
}

export async function deliverPull(h: Harness, request: PullRequest): Promise<PullResponse> {
  const { device } = request;
  const query = new URLSearchParams({ device: device.id, limit: String(request.limit) });
  if (request.cursor) query.set('cursor', request.cursor);
  const reply = await call(h.app, 'GET', `/api/sync/pull?${query}`, { cookie: device.cookie });
  if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${JSON.stringify(reply.body)}`);
  return bodyAs<PullResponse>(reply);
}

/** Pulls page after page (200 rows each) until the server has no more, keeping each: the pages, in order. */
export async function pullAll(device: SimDevice, h: Harness): Promise<PullResponse[]> {
  const pages: PullResponse[] = [];
  do {
    const page = await deliverPull(h, device.pullRequest(200));
    device.store(page);
    pages.push(page);
  } while (pages.at(-1)?.more);
  return pages;
}
