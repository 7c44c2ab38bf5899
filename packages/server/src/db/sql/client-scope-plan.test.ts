import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../features/tasks/service.js';
import type { Actor } from '../../http/env.js';
import { seedOrg } from '../../test/app.js';
import { freshDatabase, type TestDatabase } from '../../test/database.js';
import { type PlanNode, planOf } from '../../test/plans.js';
import type { Queryable } from '../types.js';
import { clientScope } from './client-scope.js';
import { sql } from './sql.js';

// A program of 60 CHWs with 100 people each, every person but the CHW's own with an appointment
// this week: the shape at which reading the whole program for one CHW showed (the caseload page
// 50 ms at 15,000 people, Today 29 ms with 10,000 appointments booked).
const CASELOAD = 100;
const CHWS = 60;
const PROGRAM = CHWS * CASELOAD;

/** The most rows one step of the plan read from `table`, kept or filtered out. */
const mostRead = (plan: PlanNode[], table: string) =>
  Math.max(
    0,
    ...plan
      .filter((n) => n['Relation Name'] === table)
      .map((n) => ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)) * (n['Actual Loops'] ?? 1)),
  );
const seqScans = (plan: PlanNode[], table: string) =>
  plan.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);

describe('whom a caller may see is read from the indexes, not from the whole program', () => {
  let t: TestDatabase;
  let chw: Actor;
  let supervisor: Actor;

  beforeAll(async () => {
    t = await freshDatabase();
    const org = await seedOrg(t.db, 'scope-plan');
    const id = (email: string) => org.ids[email] ?? '';
    const actor = (email: string, role: Actor['role']): Actor => ({
      userId: id(email),
      orgId: org.orgId,
      role,
      locale: 'en',
      sessionHash: 'plan',
    });
    chw = actor(org.chw, 'chw');
    supervisor = actor(org.supervisor, 'supervisor');
    const team = randomUUID();
    await t.db.query('insert into team (id, org_id, name, supervisor_id) values ($1, $2, $3, $4)', [
      team,
      org.orgId,
      'Norte',
      supervisor.userId,
    ]);
    await t.db.query('insert into team_member (org_id, team_id, user_id) values ($1, $2, $3)', [
      org.orgId,
      team,
      chw.userId,
    ]);
    await t.db.query(
      `insert into app_user (id, org_id, email, display_name, role, password_hash)
       select gen_random_uuid(), $1, 'colleague' || g || '@scope-plan.test', 'Colleague ' || g, 'chw', 'x'
         from generate_series(1, $2::int) g`,
      [org.orgId, CHWS - 1],
    );
    // The CHW's people first, then each colleague's.
    await t.db.query(
      `insert into client (id, org_id, given_name, name_folded, preferred_language, created_by, assigned_chw_id)
       select gen_random_uuid(), $1, 'Persona ' || g, 'persona ' || g, 'es', $2, chws.ids[(g - 1) / $3 + 1]
         from generate_series(1, $4::int) g,
              (select array[$2::uuid] || array_agg(id order by email) as ids
                 from app_user where org_id = $1 and email like 'colleague%') chws`,
      [org.orgId, chw.userId, CASELOAD, PROGRAM],
    );
    await t.db.query(
      `insert into appointment (id, org_id, client_id, place, at, created_by)
       select gen_random_uuid(), org_id, id, 'Clínica', now() + interval '1 day', assigned_chw_id
         from client where org_id = $1 and assigned_chw_id <> $2`,
      [org.orgId, chw.userId],
    );
    await t.db.query('analyze client');
    await t.db.query('analyze appointment');
  }, 120_000);

  afterAll(async () => {
    await t?.drop();
  });

  const visible = (who: Actor) => sql`select c.id from client c where ${clientScope(who)}`;

  it.each([
    ['a CHW', () => chw],
    ['a supervisor', () => supervisor],
  ])('%s: the caseload, no sequential scan of the program’s people', async (_who, who) => {
    const query = visible(who());
    const rows = await t.db.query(query);
    expect(rows.length).toBe(CASELOAD);
    const plan = await planOf(t.db, query.text, query.values);
    expect(seqScans(plan, 'client')).toEqual([]);
    expect(mostRead(plan, 'client')).toBeLessThanOrEqual(2 * CASELOAD);
  });

  it('a CHW, planned once for every caller (a prepared statement’s generic plan): the same', async () => {
    const query = visible(chw);
    const literal = query.values.map((v) => `'${String(v)}'`).join(', ');
    const plan = await t.db.transaction(async (tx) => {
      await tx.query(`select set_config('plan_cache_mode', 'force_generic_plan', true)`);
      await tx.query(`prepare scope_plan as ${query.text}`);
      try {
        return await planOf(tx, `execute scope_plan(${literal})`);
      } finally {
        await tx.query('deallocate scope_plan');
      }
    });
    expect(seqScans(plan, 'client')).toEqual([]);
  });

  it('would read the whole program with the break-the-glass branch as `exists`, as it did (the check can fail)', async () => {
    const query = visible(chw);
    const before = query.text.replace(
      /c\.id = any\(array\(select sb\.client_id from break_glass sb\s+where (.*?) and sb\.expires_at > now\(\)\)\)/s,
      'exists (select 1 from break_glass sb where $1 and sb.client_id = c.id and sb.expires_at > now())',
    );
    expect(before).not.toBe(query.text);
    const plan = await planOf(t.db, before, query.values);
    expect(mostRead(plan, 'client')).toBeGreaterThan(PROGRAM / 2);
  });

  it('Today: the CHW’s appointments from their people, not from the program’s week', async () => {
    const plans: PlanNode[][] = [];
    const explaining: Queryable = {
      exec: (text) => t.db.exec(text),
      query: async (text, params) => {
        const q = typeof text === 'string' ? { text, values: params ?? [] } : text;
        if (q.text.includes('from appointment p')) plans.push(await planOf(t.db, q.text, q.values));
        return t.db.query(text, params);
      },
    };
    const day = await today(explaining, { actor: chw, ip: '127.0.0.1' });
    expect(day.appointments).toEqual([]);
    const [plan] = plans;
    if (!plan) throw new Error('Today asked no appointments');
    expect(seqScans(plan, 'appointment')).toEqual([]);
    expect(mostRead(plan, 'appointment')).toBeLessThanOrEqual(CASELOAD);
  });
});
