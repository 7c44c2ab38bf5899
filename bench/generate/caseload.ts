import { encounterActivities, encounterKinds, foldName, uuidv7 } from '@puente/core';
import type { Database } from '@puente/server';
import type { Random } from '../lib/random.js';
import { person } from './people.js';

export interface CaseloadSize {
  clients: number;
  encountersPerClient: number;
}

/**
 * Fills one CHW's caseload: clients, their encounters over the past year and
 * open follow-up tasks around today. Rows go in with batched `unnest` inserts,
 * the fastest path both PGlite and PostgreSQL offer without COPY.
 */
export async function loadCaseload(
  db: Database,
  r: Random,
  owner: { orgId: string; chwId: string },
  size: CaseloadSize,
): Promise<{ clientIds: string[] }> {
  const clientIds: string[] = [];
  const batch = 1000;
  const dayMs = 86_400_000;
  const now = Date.now();
  for (let start = 0; start < size.clients; start += batch) {
    const n = Math.min(batch, size.clients - start);
    const people = Array.from({ length: n }, () => ({ id: uuidv7(), ...person(r) }));
    clientIds.push(...people.map((p) => p.id));
    await db.query(
      `insert into client (id, org_id, given_name, family_name, name_folded, preferred_language, phone, birth_date,
          neighborhood, assigned_chw_id, created_by, created_at)
       select id, $1, g, f, nf, lang, ph, bd::date, nb, $2, $2, now() - interval '400 days'
         from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
           as t(id, g, f, nf, lang, ph, bd, nb)`,
      [
        owner.orgId,
        owner.chwId,
        people.map((p) => p.id),
        people.map((p) => p.givenName),
        people.map((p) => p.familyName),
        people.map((p) => foldName(`${p.givenName} ${p.familyName}`)),
        people.map((p) => p.language),
        people.map((p) => p.phone),
        people.map((p) => p.birthDate),
        people.map((p) => p.neighborhood),
      ],
    );
    const encounters = people.flatMap((p) =>
      Array.from({ length: size.encountersPerClient }, () => ({
        id: uuidv7(),
        clientId: p.id,
        kind: r.pick(encounterKinds),
        at: new Date(now - r.int(0, 365) * dayMs - r.int(0, 86_000) * 1000).toISOString(),
        minutes: r.int(5, 90),
        language: p.language,
        activities: `{${r.pick(encounterActivities)}}`,
      })),
    );
    for (let e = 0; e < encounters.length; e += 5000) {
      const chunk = encounters.slice(e, e + 5000);
      await db.query(
        `insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, duration_minutes, language, activities)
         select id, $1, cid, $2, k, at::timestamptz, m, lang, acts::text[]
           from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
             as t(id, cid, k, at, m, lang, acts)`,
        [
          owner.orgId,
          owner.chwId,
          chunk.map((x) => x.id),
          chunk.map((x) => x.clientId),
          chunk.map((x) => x.kind),
          chunk.map((x) => x.at),
          chunk.map((x) => x.minutes),
          chunk.map((x) => x.language),
          chunk.map((x) => x.activities),
        ],
      );
    }
    const withTasks = people.filter(() => r.chance(0.4));
    await db.query(
      `insert into task (id, org_id, client_id, assignee_id, title, due_on, source, created_by)
       select id, $1, cid, $2, 'follow-up-after-visit', current_date + d, 'rule:after-visit', $2
         from unnest($3::uuid[], $4::uuid[], $5::int[]) as t(id, cid, d)`,
      [
        owner.orgId,
        owner.chwId,
        withTasks.map(() => uuidv7()),
        withTasks.map((p) => p.id),
        withTasks.map(() => r.int(-20, 30)),
      ],
    );
  }
  // The app keeps each client's last contact on the row as encounters arrive; do the same in bulk.
  await db.query(
    `update client c set last_contact_at = (select max(e.occurred_at) from encounter e
                                             where e.org_id = c.org_id and e.client_id = c.id)
      where c.org_id = $1 and c.assigned_chw_id = $2`,
    [owner.orgId, owner.chwId],
  );
  return { clientIds };
}
