import { type Client, type PushResponse, type SyncConflict, sameValue } from '@puente/core';
import { expect } from 'vitest';
import type { Queryable } from '../../db/types.js';
import type { Mutation, PushRequest, SimDevice } from './sim-device.js';

// What the fault test knows for sure, whatever the network did: every
// mutation the phones made, what the server answered to each delivery, and
// so the order in which the server applied them. The checks compare the
// database and the phones with it.

export type Owner = 'chw' | 'supervisor' | 'chw2';
/** Whose caseloads each one sees: Daniel supervises Rosa's team; Luis is on no team. */
export const sees: Record<Owner, readonly Owner[]> = {
  chw: ['chw'],
  supervisor: ['chw', 'supervisor'],
  chw2: ['chw2'],
};
export const fields = ['phone', 'neighborhood', 'notes', 'household'] as const;
export type Field = (typeof fields)[number];

/** A value put into a field; `base` is what its author saw there, for edits made on a phone. */
interface Write {
  clientId: string;
  field: Field;
  value: unknown;
  base?: { value: unknown };
}

export class Oracle {
  readonly mutations = new Map<string, Mutation>();
  /** This run's people, and whose caseload each is in. */
  readonly owners = new Map<string, Owner>();
  readonly visits = new Map<string, Set<string>>();
  /** People the server holds now (a registration still in an outbox is not there yet). */
  readonly onServer = new Set<string>();
  /** Mutations refused because the person had left the caseload of the phone's owner. */
  readonly refused = new Set<string>();
  /** Mutations in the order the server applied them, with how many fields conflicted. */
  readonly applied: { mutation: Mutation; conflicts: number }[] = [];
  /** Values put into fields, in the order the server put them. */
  readonly writes: Write[] = [];

  size(): number {
    return this.owners.size;
  }

  registeredOnline(owner: Owner, client: Client, visitId: string): void {
    this.owners.set(client.id, owner);
    this.onServer.add(client.id);
    this.visits.set(client.id, new Set([visitId]));
    for (const field of fields) this.writes.push({ clientId: client.id, field, value: client[field] });
  }

  made(m: Mutation, owner?: Owner): void {
    this.mutations.set(m.id, m);
    if (m.kind === 'client.register' && m.client.id && owner) {
      this.owners.set(m.client.id, owner);
      this.visits.set(m.client.id, new Set());
    }
    if (m.kind === 'encounter.record' && m.encounter.id) this.visits.get(m.clientId)?.add(m.encounter.id);
  }

  transferred(clientId: string, to: Owner): void {
    this.owners.set(clientId, to);
  }

  /** Reads the answers to one delivery (or two copies of it delivered at once); throws on anything wrong. */
  took(request: PushRequest, replies: PushResponse[]): void {
    for (const m of request.mutations) {
      const results = replies.map((r) => r.results.find((x) => x.id === m.id));
      const was = this.applied.some((a) => a.mutation.id === m.id);
      const now = results.filter((r) => r?.status === 'applied');
      const refusal = results.find((r) => r?.status === 'rejected');
      const other = results.find(
        (r) => r?.status !== 'applied' && r?.status !== 'duplicate' && r?.status !== 'rejected',
      );
      if (other || (refusal && (now.length > 0 || was))) {
        throw new Error(`${request.device.name}: ${m.kind} ${JSON.stringify(other ?? refusal)}`);
      }
      if (refusal) {
        this.refuse(m, request.device.owner as Owner, refusal.problem?.code);
        continue;
      }
      if (this.refused.has(m.id)) throw new Error(`${m.kind} ${m.id} refused, then applied`);
      if (now.length + (was ? 1 : 0) > 1) throw new Error(`${m.kind} ${m.id} applied twice`);
      if (now.length === 0 && !was) throw new Error(`${m.kind} ${m.id} called a replay but never applied`);
      if (now[0]) this.apply(m, now[0].conflicts ?? 0);
    }
  }

  /** A refusal is right only for a person the phone's owner no longer sees; the change is then gone, and said so. */
  private refuse(m: Mutation, owner: Owner, code: unknown): void {
    // A refusal is remembered: a replay hears it again even if the person has since come back.
    if (this.refused.has(m.id)) return;
    const clientId = m.kind === 'client.update' || m.kind === 'encounter.record' ? m.clientId : undefined;
    const seen = clientId ? sees[owner].includes(this.owners.get(clientId) ?? owner) : true;
    if (code !== 'clientNotFound' || seen) throw new Error(`${m.kind} ${m.id} refused: ${String(code)}`);
    this.refused.add(m.id);
    if (m.kind === 'encounter.record' && m.encounter.id) this.visits.get(m.clientId)?.delete(m.encounter.id);
  }

  private apply(m: Mutation, conflicts: number): void {
    this.applied.push({ mutation: m, conflicts });
    if (m.kind === 'client.update') {
      for (const [field, value] of Object.entries(m.change)) {
        const base = { value: m.base[field] };
        // A field sent along unchanged is no write of anyone's.
        if (isField(field) && !sameValue(value, base.value))
          this.writes.push({ clientId: m.clientId, field, value, base });
      }
    }
    if (m.kind === 'client.register' && m.client.id) {
      this.onServer.add(m.client.id);
      for (const field of fields) {
        if (m.client[field] !== undefined)
          this.writes.push({ clientId: m.client.id, field, value: m.client[field] });
      }
    }
  }

  /** A conflict settled on the server: choosing the lost value puts it back over the kept one. */
  resolved(conflict: SyncConflict, choose: 'kept' | 'lost', status: number): void {
    if (status === 409) return; // the field changed since: nothing was written
    if (status !== 204) throw new Error(`resolving a conflict: ${status}`);
    if (choose === 'lost' && isField(conflict.field)) {
      this.writes.push({
        clientId: conflict.clientId,
        field: conflict.field,
        value: conflict.lost,
        base: { value: conflict.kept },
      });
    }
  }

  /** This run's people a phone holds, each with the ids of the visits it holds. */
  heldBy(d: SimDevice): [string, string[]][] {
    const held = new Map<string, string[]>();
    for (const row of d.rows.values()) {
      if (!this.owners.has(row.clientId)) continue;
      if (row.entity === 'client') held.set(row.id, held.get(row.id) ?? []);
      if (row.entity === 'encounter') held.set(row.clientId, [...(held.get(row.clientId) ?? []), row.id]);
    }
    return [...held.entries()].map(([id, visits]) => [id, visits.sort()] as [string, string[]]).sort();
  }

  /** What a phone of someone who sees these caseloads should hold of this run's people. */
  expectedFor(caseloads: readonly Owner[]): [string, string[]][] {
    return [...this.owners.entries()]
      .filter(([, owner]) => caseloads.includes(owner))
      .map(([id]) => [id, [...(this.visits.get(id) ?? [])].sort()] as [string, string[]])
      .sort();
  }
}

const isField = (f: string): f is Field => (fields as readonly string[]).includes(f);

/** The database against what the phones did: each mutation once, each record once, no value dropped unseen. */
export async function checkAccounts(db: Queryable, oracle: Oracle): Promise<void> {
  const people = [...oracle.owners.keys()];
  const made = [...oracle.mutations.keys()];
  const kept = await db.query<{ id: string; status: string }>(
    'select id::text, status from sync_mutation where id = any($1::uuid[]) order by id',
    [made],
  );
  const status = (id: string) => (oracle.refused.has(id) ? 'rejected' : 'applied');
  expect(kept).toEqual(made.sort().map((id) => ({ id, status: status(id) })));

  const clients = await db.query<Record<Field, unknown> & { id: string }>(
    'select id::text, phone, neighborhood, notes, household from client where id = any($1::uuid[])',
    [people],
  );
  expect(clients.map((c) => c.id).sort()).toEqual([...people].sort());
  const registered = await db.query<{ id: string; times: number }>(
    `select subject_id as id, count(*)::int as times from audit_event
      where action = 'client.registered' and subject_id = any($1::text[]) group by subject_id`,
    [people],
  );
  expect(registered.filter((r) => r.times !== 1)).toEqual([]);
  expect(registered.length).toBe(people.length);

  const visits = await db.query<{ id: string; clientId: string }>(
    'select id::text, client_id::text as "clientId" from encounter where client_id = any($1::uuid[])',
    [people],
  );
  const expected = people.flatMap((c) => [...(oracle.visits.get(c) ?? [])].map((id) => `${c}/${id}`));
  expect(visits.map((v) => `${v.clientId}/${v.id}`).sort()).toEqual(expected.sort());

  const conflicts = await db.query<{ mutationId: string; clientId: string; field: string; lost: unknown }>(
    `select mutation_id::text as "mutationId", client_id::text as "clientId", field, lost
       from sync_conflict where client_id = any($1::uuid[])`,
    [people],
  );
  // A replay merged again would log its conflicts twice.
  const logged = (id: string) => conflicts.filter((c) => c.mutationId === id).length;
  expect(oracle.applied.filter((a) => logged(a.mutation.id) !== a.conflicts)).toEqual([]);
  expect(conflicts.length).toBe(oracle.applied.reduce((n, a) => n + a.conflicts, 0));
  // A conflict is between two edits: a field the phone sent along unchanged never takes part in one.
  const untouched = conflicts.filter((c) => {
    const m = oracle.mutations.get(c.mutationId);
    return m?.kind === 'client.update' && sameValue(m.change[c.field as Field], m.base[c.field]);
  });
  expect(untouched).toEqual([]);

  // Every value typed is still there, or in the conflict log, or was replaced by someone who saw it.
  const now = new Map(clients.map((c) => [c.id, c]));
  const unaccounted = oracle.writes.filter((w, i) => {
    if (sameValue(now.get(w.clientId)?.[w.field], w.value)) return false;
    const logged = conflicts.some(
      (c) => c.clientId === w.clientId && c.field === w.field && sameValue(c.lost, w.value),
    );
    const seen = oracle.writes
      .slice(i + 1)
      .some(
        (x) => x.clientId === w.clientId && x.field === w.field && x.base && sameValue(x.base.value, w.value),
      );
    return !logged && !seen;
  });
  expect(unaccounted).toEqual([]);
}
