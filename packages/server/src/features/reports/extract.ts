import { randomBytes } from 'node:crypto';
import { type AgeBand, ageBand, dateShiftDays, MAX_SHIFT_DAYS, pseudonym, shiftDate } from '@puente/core';
import { sql } from '../../db/sql/index.js';
import type { Queryable } from '../../db/types.js';
import { instrumentName, toCsv } from './csv.js';
import { type ReportScope, scopeSql } from './scope.js';

interface EventRow {
  clientId: string;
  birthDate: string | null;
  ageRange: string | null;
  language: string;
  event: 'encounter' | 'screening' | 'alert' | 'safety_plan';
  day: string;
  kind: string | null;
  minutes: number | null;
  instrument: string | null;
  total: number | null;
  band: string | null;
  positive: boolean | null;
  version: number | null;
}

// The age range a CHW picked when the person gave no birth date, in the extract's bands.
const bandOfRange: Record<string, AgeBand> = {
  'under-18': '0-17',
  '18-24': '18-24',
  '25-34': '25-34',
  '35-44': '35-44',
  '45-54': '45-54',
  '55-64': '55-64',
  '65-plus': '65+',
};

const header = [
  'person_id',
  'age_band',
  'language',
  'event',
  'date_shifted',
  'encounter_kind',
  'duration_minutes',
  'instrument',
  'total',
  'band',
  'positive',
  'alert_reason',
  'minutes_to_acknowledge',
  'safety_plan_version',
] as const;

/**
 * What the file says about itself, as `#` lines before the header (read with
 * e.g. pandas `comment='#'`): the recipient of a lone file must know both.
 */
const notes = (threshold: number) => [
  '# Puente de-identified extract. person_id and date_shifted come from a random key made for this file alone and then',
  '# forgotten: the same person has another id and another shift in any other extract, so two extracts cannot be linked',
  `# and a short range does not reveal a shift. Within this file each person keeps one id and one shift (up to ${MAX_SHIFT_DAYS} days`,
  '# either way, never 0), so intervals between their events are true; calendar dates are not.',
  `# Small counts: the program hides counts from 1 to ${threshold - 1} in its reports. Do not publish a count, table cell`,
  `# or rate from this file that rests on fewer than ${threshold} people, nor one that would let such a count be worked out.`,
];

/**
 * The evaluators' person-level extract: one row per encounter, screen, alert
 * and safety plan in the scope. Ids are pseudonyms, ages are bands, each
 * person's dates move by their own shift, and no column carries free text
 * (notes, plan wording, names, neighbourhood and gender as typed are left out).
 * Pseudonyms and shifts are keyed by a random key made for this extract and never
 * kept: with a key of the organization's, the same shift in every extract, a
 * one-day extract would give away each person's shift for all the others.
 */
export async function deidentifiedExtract(
  db: Queryable,
  scope: ReportScope,
): Promise<{ csv: string; rows: number; people: number }> {
  const secret = randomBytes(32).toString('base64url');
  const q = scopeSql(scope);
  const rows = await db.query<EventRow>(
    sql`with p as (select c.id, c.birth_date, c.age_range, c.preferred_language from client c where ${q.population}),
     x as (
       select 'encounter' as event, e.client_id, e.occurred_at as at, e.kind, e.duration_minutes as minutes,
              null::text as instrument, null::int as total, null::text as band, null::boolean as positive, null::int as version
         from encounter e where e.org_id = ${q.org} and ${q.inRange('e.occurred_at')}
       union all
       select 'screening', s.client_id, s.authored_at, null, null, s.instrument, s.total, s.band, s.report_positive, null
         from screening s where s.org_id = ${q.org} and s.complete and ${q.inRange('s.authored_at')}
       union all
       select 'alert', a.client_id, a.raised_at, a.reason,
              (extract(epoch from a.acknowledged_at - a.raised_at) / 60)::int, null, null, null, null, null
         from risk_alert a where a.org_id = ${q.org} and ${q.inRange('a.raised_at')}
       union all
       select 'safety_plan', sp.client_id, sp.saved_at, null, null, null, null, null, null, sp.version
         from safety_plan sp where sp.org_id = ${q.org} and ${q.inRange('sp.saved_at')})
     select p.id as "clientId", to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate", p.age_range as "ageRange",
            p.preferred_language as language, x.event, to_char(x.at at time zone ${q.zone}, 'YYYY-MM-DD') as day,
            x.kind, x.minutes, x.instrument, x.total, x.band, x.positive, x.version
       from x join p on p.id = x.client_id
      order by p.id, x.at, x.event`,
  );
  const people = new Map<string, { id: string; shift: number }>();
  const lines: (string | number | null)[][] = [];
  for (const r of rows) {
    let person = people.get(r.clientId);
    if (!person) {
      person = { id: await pseudonym(secret, r.clientId), shift: await dateShiftDays(secret, r.clientId) };
      people.set(r.clientId, person);
    }
    const band = r.birthDate ? ageBand(r.birthDate, r.day) : (bandOfRange[r.ageRange ?? ''] ?? '');
    const isAlert = r.event === 'alert';
    lines.push([
      person.id,
      band,
      r.language,
      r.event,
      shiftDate(r.day, person.shift),
      isAlert ? null : r.kind,
      isAlert ? null : r.minutes,
      r.instrument ? instrumentName(r.instrument) : null,
      r.total,
      r.band,
      r.positive === null ? null : String(r.positive),
      isAlert ? r.kind : null,
      isAlert ? r.minutes : null,
      r.version,
    ]);
  }
  const csv = `${notes(scope.threshold).join('\r\n')}\r\n${toCsv(header, lines)}`;
  return { csv, rows: lines.length, people: people.size };
}
