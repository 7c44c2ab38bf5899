import type { Database, Queryable } from '../db/types.js';
import { hashPassword } from '../features/auth/password.js';
import { peopleChunk } from './previous-people.js';
import {
  GENESIS,
  insertInline,
  insertUnlinked,
  linkReleased,
  type PreviousRelease,
  type ReleasedEvent,
} from './previous-release.js';
import { insertRows, seeded } from './previous-rows.js';

export const PREVIOUS_PASSWORD = 'an older release password';

/** One program of the caseload: its staff and people. */
export interface ProgramSize {
  chws: number;
  clients: number;
  /** About this many encounters in all, spread unevenly over the people. */
  encounters: number;
}

/** A row as it was written, by column name. */
export type WrittenRow = { id: string } & Record<string, unknown>;

/** What the test reads back after the upgrade, as the rows were written. */
export interface SampledPerson {
  id: string;
  row: Record<string, unknown>;
  consents: WrittenRow[];
  encounters: WrittenRow[];
  screenings: WrittenRow[];
  referrals: WrittenRow[];
  tasks: WrittenRow[];
}

export interface PreviousProgram {
  orgId: string;
  /** Signs in after the upgrade (a CHW: no second factor is asked of CHWs). */
  chwEmail: string;
  chwId: string;
  /** The first people of that CHW, up to `sampleSize`. */
  sample: SampledPerson[];
  /** Audit events written (all by the release's code, so all plain SHA-256). */
  events: number;
}

const dayMs = 86_400_000;

/**
 * A program's caseload as an earlier release left it, written with plain SQL in
 * that release's columns: staff and a team, people with their assignment,
 * consents, encounters, goals and steps, follow-up tasks (titled by rule code,
 * as those releases did), PHQ-2 screens, a few alerts, referrals with their
 * events, expired sessions, and an audit event for each thing done, chained as
 * that release's code chained them. Generated a chunk of people at a time.
 */
export async function fillPreviousRelease(
  db: Database,
  release: PreviousRelease,
  sizes: ProgramSize[],
  options: { seed?: number; sampleSize?: number; chunk?: number } = {},
): Promise<PreviousProgram[]> {
  const r = seeded(options.seed ?? 20261126);
  const passwordHash = await hashPassword(PREVIOUS_PASSWORD);
  const now = Date.now();
  const programs: PreviousProgram[] = [];
  for (const [k, size] of sizes.entries()) {
    const orgId = r.uuid();
    const start = now - 400 * dayMs;
    // Events are written in time order; at most this many per person and encounter, spread over 380 days.
    const eventStep = Math.max(1, Math.floor((380 * dayMs) / (size.clients * 8 + size.encounters * 2 + 10)));
    const chain = { seq: 0, head: { hash: GENESIS }, at: start, count: 0 };
    const events: Omit<ReleasedEvent, 'seq'>[] = [];
    const audit = (actorId: string, role: string, action: string, subjectId: string | null, detail = {}) => {
      chain.at += eventStep;
      events.push({
        orgId,
        at: new Date(chain.at).toISOString(),
        actorId,
        actorRole: role,
        action,
        subjectType: subjectId ? 'client' : null,
        subjectId,
        ip: `10.0.${k}.${r.int(1, 254)}`,
        detail,
      });
    };
    const flush = async (tx: Queryable) => {
      chain.count += events.length;
      if (release.audit === 'inline')
        await insertInline(
          tx,
          events.map((e) => ({ ...e, seq: ++chain.seq })),
          chain.head,
        );
      else await insertUnlinked(tx, events);
      events.length = 0;
    };

    const slug = `org${k}-${orgId.slice(0, 8)}`;
    const staff = (role: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: r.uuid(),
        org_id: orgId,
        email: `${role}${i}@${slug}.upgrade.test`,
        display_name: `${role} ${i}`,
        role,
        locale: i % 2 === 0 ? 'es' : 'en',
        password_hash: passwordHash,
        created_at: new Date(start).toISOString(),
      }));
    const [admin, supervisor, manager] = [
      staff('admin', 1)[0],
      staff('supervisor', 1)[0],
      staff('manager', 1)[0],
    ];
    const chws = staff('chw', size.chws);
    const chw0 = chws[0];
    if (!admin || !supervisor || !manager || !chw0) throw new Error('a program needs staff');
    const teamId = r.uuid();
    await db.transaction(async (tx) => {
      await insertRows(
        tx,
        'organization',
        { id: 'uuid', name: 'text', default_locale: 'text', created_at: 'timestamptz' },
        [
          {
            id: orgId,
            name: `Older program ${k}`,
            default_locale: 'es',
            created_at: new Date(start).toISOString(),
          },
        ],
      );
      await insertRows(
        tx,
        'app_user',
        {
          id: 'uuid',
          org_id: 'uuid',
          email: 'text',
          display_name: 'text',
          role: 'text',
          locale: 'text',
          password_hash: 'text',
          created_at: 'timestamptz',
        },
        [admin, supervisor, manager, ...chws],
      );
      await insertRows(tx, 'team', { id: 'uuid', org_id: 'uuid', name: 'text', supervisor_id: 'uuid' }, [
        { id: teamId, org_id: orgId, name: 'Equipo', supervisor_id: supervisor.id },
      ]);
      await insertRows(
        tx,
        'team_member',
        { org_id: 'uuid', team_id: 'uuid', user_id: 'uuid' },
        chws
          .slice(0, Math.ceil(chws.length / 2))
          .map((c) => ({ org_id: orgId, team_id: teamId, user_id: c.id })),
      );
      // The first program counts its months in Chicago, not the default zone.
      if (k === 0)
        await insertRows(tx, 'program_setting', { org_id: 'uuid', time_zone: 'text' }, [
          { org_id: orgId, time_zone: 'America/Chicago' },
        ]);
      await insertRows(
        tx,
        'session',
        {
          token_hash: 'text',
          org_id: 'uuid',
          user_id: 'uuid',
          created_at: 'timestamptz',
          last_seen_at: 'timestamptz',
          expires_at: 'timestamptz',
          ip: 'text',
        },
        chws.map((c) => ({
          token_hash: r.uuid().replaceAll('-', ''),
          org_id: orgId,
          user_id: c.id,
          created_at: new Date(now - 3 * dayMs).toISOString(),
          last_seen_at: new Date(now - 2 * dayMs).toISOString(),
          expires_at: new Date(now - dayMs).toISOString(),
          ip: '10.0.0.1',
        })),
      );
      for (const u of [supervisor, manager, ...chws])
        audit(admin.id, 'admin', 'user.created', null, { user: u.id });
      await flush(tx);
    });

    const program: PreviousProgram = { orgId, chwEmail: chw0.email, chwId: chw0.id, sample: [], events: 0 };
    const perPerson = size.encounters / Math.max(1, size.clients);
    const chunk = options.chunk ?? 1000;
    for (let first = 0; first < size.clients; first += chunk) {
      const rows = peopleChunk(r, {
        orgId,
        count: Math.min(chunk, size.clients - first),
        chws: chws.map((c) => c.id),
        perPerson,
        start,
        now,
        audit,
      });
      await db.transaction(async (tx) => {
        for (const [table, types, list] of rows.tables) await insertRows(tx, table, types, list);
        await flush(tx);
      });
      for (const p of rows.people)
        if (p.row.assigned_chw_id === chw0.id && program.sample.length < (options.sampleSize ?? 6))
          program.sample.push(p);
    }
    if (release.audit === 'linked') await linkReleased(db, orgId);
    program.events = chain.count;
    programs.push(program);
  }
  return programs;
}
