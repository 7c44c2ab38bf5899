import { encounterKinds, gad7, phq2, phq9, uuidv7 } from '../../packages/core/src/index.js';
import type { Database } from '../../packages/server/src/db/types.js';
import type { Random } from '../lib/random.js';
import { neighborhoods } from './people.js';

export interface ProgramSize {
  chws: number;
  clients: number;
  encounters: number;
}

const dayMs = 86_400_000;

/**
 * A program's year of work for the report benchmark: CHWs on teams, clients
 * spread over them, encounters over the past year, about two screens per
 * client (a PHQ-9 taken twice for half of them), alerts and safety plans.
 * Rows go in with batched `unnest` inserts; names are placeholders, the report never reads them.
 */
export async function loadProgram(
  db: Database,
  r: Random,
  owner: { orgId: string; chwIds: string[] },
  size: ProgramSize,
): Promise<void> {
  const now = Date.now();
  const at = () => new Date(now - r.int(0, 364) * dayMs - r.int(0, 86_000) * 1000).toISOString();
  const batch = 5000;
  const clientIds: string[] = [];
  for (let start = 0; start < size.clients; start += batch) {
    const n = Math.min(batch, size.clients - start);
    const ids = Array.from({ length: n }, () => uuidv7());
    clientIds.push(...ids);
    await db.query(
      `insert into client (id, org_id, given_name, name_folded, preferred_language, neighborhood, birth_date,
          assigned_chw_id, created_by, created_at)
       select id, $1, 'Bench', 'bench', lang, nb, bd::date, chw, chw, now() - interval '400 days'
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) as t(id, lang, nb, bd, chw)`,
      [
        owner.orgId,
        ids,
        ids.map(() => (r.chance(0.6) ? 'es' : 'en')),
        ids.map(() => r.pick(neighborhoods)),
        ids.map(() => `${r.int(1940, 2008)}-0${r.int(1, 9)}-1${r.int(0, 9)}`),
        ids.map(() => r.pick(owner.chwIds)),
      ],
    );
  }
  for (let start = 0; start < size.encounters; start += batch) {
    const n = Math.min(batch, size.encounters - start);
    const rows = Array.from({ length: n }, () => ({ id: uuidv7(), client: r.pick(clientIds) }));
    await db.query(
      `insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, duration_minutes, language)
       select t.id, $1, t.cid, c.assigned_chw_id, k, at::timestamptz, 30, 'es'
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[]) as t(id, cid, k, at)
         join client c on c.id = t.cid`,
      [
        owner.orgId,
        rows.map((x) => x.id),
        rows.map((x) => x.client),
        rows.map(() => r.pick(encounterKinds)),
        rows.map(at),
      ],
    );
  }
  const screens: { client: string; url: string; total: number; positive: boolean | null; at: string }[] = [];
  for (const client of clientIds) {
    if (r.chance(0.5)) {
      const first = r.int(5, 24);
      const t1 = now - r.int(120, 364) * dayMs;
      screens.push({ client, url: phq9.url, total: first, positive: null, at: new Date(t1).toISOString() });
      const t2 = t1 + r.int(28, 110) * dayMs;
      screens.push({
        client,
        url: phq9.url,
        total: r.int(0, first),
        positive: null,
        at: new Date(t2).toISOString(),
      });
    } else {
      const url = r.chance(0.5) ? gad7.url : phq2.url;
      const total = url === phq2.url ? r.int(0, 6) : r.int(0, 21);
      screens.push({ client, url, total, positive: url === phq2.url ? total >= 3 : null, at: at() });
    }
  }
  for (let start = 0; start < screens.length; start += batch) {
    const chunk = screens.slice(start, start + batch);
    await db.query(
      `insert into screening (id, org_id, client_id, author_id, instrument, version, authored_at, response, result,
          complete, total, positive)
       select t.id, $1, t.cid, c.assigned_chw_id, url, '1.0.0', at::timestamptz, '{}', '{"flags":{}}', true, total, pos
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::int[], $7::boolean[])
           as t(id, cid, url, at, total, pos)
         join client c on c.id = t.cid`,
      [
        owner.orgId,
        chunk.map(() => uuidv7()),
        chunk.map((s) => s.client),
        chunk.map((s) => s.url),
        chunk.map((s) => s.at),
        chunk.map((s) => s.total),
        chunk.map((s) => s.positive),
      ],
    );
  }
  const alerted = clientIds.filter(() => r.chance(0.01));
  await db.query(
    `insert into risk_alert (id, org_id, client_id, reason, raised_by, raised_at, status, acknowledged_at)
     select t.id, $1, t.cid, 'chw-judgement', c.assigned_chw_id, at::timestamptz, 'acknowledged',
            at::timestamptz + make_interval(mins => m)
       from unnest($2::uuid[], $3::uuid[], $4::text[], $5::int[]) as t(id, cid, at, m) join client c on c.id = t.cid`,
    [owner.orgId, alerted.map(() => uuidv7()), alerted, alerted.map(at), alerted.map(() => r.int(2, 240))],
  );
  const planned = clientIds.filter(() => r.chance(0.02));
  await db.query(
    `insert into safety_plan (id, org_id, client_id, version, language, content, saved_by, saved_at)
     select t.id, $1, t.cid, 1, 'es', '{}', c.assigned_chw_id, at::timestamptz
       from unnest($2::uuid[], $3::uuid[], $4::text[]) as t(id, cid, at) join client c on c.id = t.cid`,
    [owner.orgId, planned.map(() => uuidv7()), planned, planned.map(at)],
  );
}
