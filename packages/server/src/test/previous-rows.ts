import type { Queryable } from '../db/types.js';

/** Column types as the insert casts them; arrays and JSON travel as text and are cast after unnest. */
export type ColumnType = 'uuid' | 'text' | 'int' | 'bool' | 'date' | 'timestamptz' | 'jsonb' | 'text[]';

/**
 * The columns the generated caseload fills, as the releases before 0015 had them
 * (0002, 0004, 0009): later migrations add columns, never to these rows.
 */
export const releasedColumns = {
  client: {
    id: 'uuid',
    org_id: 'uuid',
    given_name: 'text',
    family_name: 'text',
    preferred_name: 'text',
    name_folded: 'text',
    preferred_language: 'text',
    birth_date: 'date',
    gender: 'text',
    phone: 'text',
    ok_to_text: 'bool',
    neighborhood: 'text',
    address: 'text',
    household: 'jsonb',
    insurance_status: 'text',
    notes: 'text',
    assigned_chw_id: 'uuid',
    created_by: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    last_contact_at: 'timestamptz',
  },
  client_assignment: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    chw_id: 'uuid',
    assigned_by: 'uuid',
    started_at: 'timestamptz',
  },
  consent: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    kind: 'text',
    method: 'text',
    given_on: 'date',
    partner_name: 'text',
    partner_category: 'text',
    recorded_by: 'uuid',
    recorded_at: 'timestamptz',
    revoked_at: 'timestamptz',
    revoked_by: 'uuid',
  },
  encounter: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    author_id: 'uuid',
    kind: 'text',
    occurred_at: 'timestamptz',
    duration_minutes: 'int',
    language: 'text',
    activities: 'text[]',
    note: 'text',
    note_sensitive: 'bool',
    created_at: 'timestamptz',
  },
  goal: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    text: 'text',
    need_area: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
  goal_step: {
    id: 'uuid',
    org_id: 'uuid',
    goal_id: 'uuid',
    text: 'text',
    owner: 'text',
    due_on: 'date',
    created_at: 'timestamptz',
  },
  task: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    assignee_id: 'uuid',
    title: 'text',
    due_on: 'date',
    status: 'text',
    source: 'text',
    created_by: 'uuid',
    created_at: 'timestamptz',
  },
  screening: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    author_id: 'uuid',
    instrument: 'text',
    version: 'text',
    authored_at: 'timestamptz',
    response: 'jsonb',
    result: 'jsonb',
    complete: 'bool',
    total: 'int',
    band: 'text',
    positive: 'bool',
    positive_domains: 'text[]',
  },
  risk_alert: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    reason: 'text',
    raised_by: 'uuid',
    raised_at: 'timestamptz',
    status: 'text',
    acknowledged_by: 'uuid',
    acknowledged_at: 'timestamptz',
    action_taken: 'text',
  },
  alert_event: {
    id: 'uuid',
    org_id: 'uuid',
    alert_id: 'uuid',
    kind: 'text',
    user_id: 'uuid',
    at: 'timestamptz',
  },
  referral: {
    id: 'uuid',
    org_id: 'uuid',
    client_id: 'uuid',
    need: 'text',
    service_id: 'text',
    service_name: 'text',
    partner_name: 'text',
    reason: 'text',
    urgency: 'text',
    consent_id: 'uuid',
    status: 'text',
    outcome: 'text',
    requested_by: 'uuid',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
    closed_at: 'timestamptz',
  },
  referral_event: {
    id: 'uuid',
    org_id: 'uuid',
    referral_id: 'uuid',
    kind: 'text',
    status: 'text',
    by_user: 'uuid',
    at: 'timestamptz',
  },
} satisfies Record<string, Record<string, ColumnType>>;

const carrier = (t: ColumnType) => (t === 'jsonb' || t === 'text[]' ? 'text' : t);

function encode(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'jsonb') return JSON.stringify(value);
  if (type === 'text[]') return `{${(value as string[]).map((v) => JSON.stringify(v)).join(',')}}`;
  return value;
}

/**
 * Inserts rows with plain SQL, naming only the columns given: what an earlier
 * release's schema had, whatever today's code would write. One statement per
 * call (`unnest` of one array per column), so triggers see the rows together.
 */
export async function insertRows(
  tx: Queryable,
  table: string,
  types: Record<string, ColumnType>,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(types);
  const quoted = columns.map(([c]) => `"${c}"`);
  await tx.query(
    `insert into ${table} (${quoted.join(', ')})
     select ${columns.map(([c, t]) => `u."${c}"::${t}`).join(', ')}
       from unnest(${columns.map(([, t], i) => `$${i + 1}::${carrier(t)}[]`).join(', ')}) as u(${quoted.join(', ')})`,
    columns.map(([c, t]) => rows.map((row) => encode(row[c], t))),
  );
}

/** A small seeded generator (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    /** A random version 4 UUID from this generator. */
    uuid() {
      const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
      hex[12] = '4';
      hex[16] = ((int(0, 15) & 0x3) | 0x8).toString(16);
      const s = hex.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}
export type Seeded = ReturnType<typeof seeded>;
