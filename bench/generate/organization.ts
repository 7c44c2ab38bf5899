import { encounterActivities, foldName, insuranceStatuses } from '@puente/core';
import { type Database, importDirectory } from '@puente/server';
import type { Random } from '../lib/random.js';
import { insertCarePlans, safetyPlan } from './care.js';
import { generateDirectory } from './directory.js';
import { address, person } from './people.js';
import { insertReferrals } from './referrals.js';
import { type Alert, insertAlerts, insertScreens, personScreens, type Screen } from './screens.js';

export interface OrganizationSize {
  chws: number;
  clients: number;
  encounters: number;
  /** Services in the organization's resource directory. */
  services: number;
}

export interface Owner {
  orgId: string;
  chwIds: string[];
  /** Who acknowledges crisis alerts. */
  supervisorId: string;
}

const dayMs = 86_400_000;
const kinds = [
  ['home-visit', 35, 30, 90],
  ['phone-call', 30, 5, 30],
  ['text', 15, 1, 5],
  ['office', 10, 20, 60],
  ['community-event', 10, 30, 120],
] as const;

/** Picks an index with probability proportional to its weight, from the running sums of the weights. */
function weighted(r: Random, sums: number[]): number {
  const u = r.next() * (sums.at(-1) ?? 0);
  let lo = 0;
  let hi = sums.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sums[mid] ?? 0) > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
const runningSums = (weights: number[]) => {
  let n = 0;
  return weights.map((w) => (n += w));
};

/**
 * A whole program's year of work, the same for the same seed and day: bilingual
 * people with addresses in the service area, on caseloads of uneven size; their
 * encounters (some people seen often, most a few times); screens scored by core
 * with a realistic spread, the alerts and safety plans that follow a crisis
 * screen; care plans with steps; open follow-ups; the resource directory,
 * imported through the app's HSDS import; and referrals from the care plans' needs with their outcomes. Rows go in through batched `unnest`
 * inserts, so the database's own triggers (sync log, monthly counts) run as in the app.
 */
export async function loadOrganization(
  db: Database,
  r: Random,
  owner: Owner,
  size: OrganizationSize,
): Promise<Record<string, number>> {
  const now = new Date();
  // Everything is dated back from the start of today (UTC): the same seed gives the same rows all day.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const yearAgo = today - 365 * dayMs;
  // A moment in the working day (8:00 to 18:00 in California) some days back: never later than now.
  const workingHours = (daysAgo: number) => today - daysAgo * dayMs + r.int(16 * 3600, 26 * 3600) * 1000;
  const caseloads = runningSums(owner.chwIds.map(() => 0.6 + r.next() * 0.8));
  const engagement = runningSums(Array.from({ length: size.clients }, () => -Math.log(1 - r.next() * 0.999)));
  const visits = new Array<number>(size.clients).fill(0);
  for (let i = 0; i < size.encounters; i++) {
    const who = weighted(r, engagement);
    visits[who] = (visits[who] ?? 0) + 1;
  }
  const kindSums = runningSums(kinds.map((k) => k[1]));
  const counts = { screenings: 0, alerts: 0, safetyPlans: 0, goals: 0, goalSteps: 0, tasks: 0 };

  const chunk = Math.max(1, Math.floor(5000 / Math.max(1, size.encounters / size.clients)));
  for (let start = 0; start < size.clients; start += chunk) {
    const people = Array.from({ length: Math.min(chunk, size.clients - start) }, (_, k) => {
      const p = person(r);
      const createdAt = yearAgo - r.int(1, 500) * dayMs;
      const at = Array.from({ length: visits[start + k] ?? 0 }, () => workingHours(r.int(2, 366))).sort(
        (a, b) => a - b,
      );
      return {
        ...p,
        id: r.uuid(createdAt),
        createdAt,
        at,
        chw: owner.chwIds[weighted(r, caseloads)] ?? '',
        address: address(r, p.neighborhood).line,
        insurance: r.pick(insuranceStatuses),
      };
    });
    await db.query(
      `insert into client (id, org_id, given_name, family_name, name_folded, preferred_language, phone, birth_date,
          neighborhood, address, insurance_status, assigned_chw_id, created_by, created_at, last_contact_at)
       select id, $1, g, f, nf, lang, ph, bd::date, nb, ad, ins, chw, chw, ca::timestamptz, lc::timestamptz
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::uuid[], $13::text[], $14::text[])
           as t(id, g, f, nf, lang, ph, bd, nb, ad, ins, chw, ca, lc)`,
      [
        owner.orgId,
        people.map((p) => p.id),
        people.map((p) => p.givenName),
        people.map((p) => p.familyName),
        people.map((p) => foldName(`${p.givenName} ${p.familyName}`)),
        people.map((p) => p.language),
        people.map((p) => p.phone),
        people.map((p) => p.birthDate),
        people.map((p) => p.neighborhood),
        people.map((p) => p.address),
        people.map((p) => p.insurance),
        people.map((p) => p.chw),
        people.map((p) => new Date(p.createdAt).toISOString()),
        people.map((p) => (p.at.length ? new Date(p.at.at(-1) ?? 0).toISOString() : null)),
      ],
    );
    const encounters = people.flatMap((p) =>
      p.at.map((at) => {
        const [kind, , shortest, longest] = kinds[weighted(r, kindSums)] ?? kinds[0];
        const activities = new Set([r.pick(encounterActivities), r.pick(encounterActivities)]);
        return {
          id: r.uuid(at),
          client: p.id,
          chw: p.chw,
          kind,
          at: new Date(at).toISOString(),
          minutes: r.int(shortest, longest),
          language: r.chance(0.95) ? p.language : p.language === 'es' ? 'en' : 'es',
          activities: `{${[...activities].join(',')}}`,
        };
      }),
    );
    await db.query(
      `insert into encounter (id, org_id, client_id, author_id, kind, occurred_at, duration_minutes, language, activities)
       select id, $1, cid, chw, k, at::timestamptz, m, lang, acts::text[]
         from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])
           as t(id, cid, chw, k, at, m, lang, acts)`,
      [
        owner.orgId,
        encounters.map((e) => e.id),
        encounters.map((e) => e.client),
        encounters.map((e) => e.chw),
        encounters.map((e) => e.kind),
        encounters.map((e) => e.at),
        encounters.map((e) => e.minutes),
        encounters.map((e) => e.language),
        encounters.map((e) => e.activities),
      ],
    );

    const screens: Screen[] = [];
    const alerts: Alert[] = [];
    for (const p of people) {
      const s = personScreens(r, { id: p.id, chw: p.chw }, { from: yearAgo, to: today });
      screens.push(...s.screens);
      alerts.push(...s.alerts);
      // A CHW's own worry, without a screen behind it.
      if (r.chance(0.004)) {
        const at = workingHours(r.int(2, 366));
        alerts.push({ clientId: p.id, authorId: p.chw, screeningId: null, reason: 'chw-judgement', at });
      }
    }
    await insertScreens(db, owner.orgId, screens);
    await insertAlerts(db, r, owner, alerts);
    const byId = new Map(people.map((p) => [p.id, p]));
    // After a crisis, most people make a safety plan with their CHW within two days.
    const planned = [...new Set(alerts.map((a) => a.clientId))].filter(() => r.chance(0.85));
    await db.query(
      `insert into safety_plan (id, org_id, client_id, version, language, content, saved_by, saved_at)
       select id, $1, cid, 1, lang, content::jsonb, chw, at::timestamptz
         from unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::text[]) as t(id, cid, lang, content, chw, at)`,
      [
        owner.orgId,
        planned.map(() => r.uuid(today)),
        planned,
        planned.map((id) => byId.get(id)?.language ?? 'es'),
        planned.map((id) => JSON.stringify(safetyPlan(byId.get(id)?.language ?? 'es'))),
        planned.map((id) => byId.get(id)?.chw ?? ''),
        planned.map((id) => {
          const first = Math.min(...alerts.filter((a) => a.clientId === id).map((a) => a.at));
          return new Date(Math.min(today - 1000, first + r.int(1, 48) * 3_600_000)).toISOString();
        }),
      ],
    );
    counts.screenings += screens.length;
    counts.alerts += alerts.length;
    counts.safetyPlans += planned.length;
    const care = await insertCarePlans(db, r, owner.orgId, people, today);
    counts.goals += care.goals;
    counts.goalSteps += care.steps;
    counts.tasks += care.tasks;
  }

  const { records } = generateDirectory(r, size.services);
  const directory = await importDirectory(db, owner.orgId, { records, rejected: [], merge: false });
  if (directory.rejected.length > 0)
    throw new Error(`generated directory rows refused: ${JSON.stringify(directory.rejected[0])}`);

  const referrals = await insertReferrals(db, r, owner.orgId, today);
  return { ...counts, referrals, services: size.services };
}
