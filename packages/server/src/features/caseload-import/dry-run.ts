import {
  type CaseloadDryRun,
  type CaseloadSheetRequest,
  type ColumnMapping,
  foldName,
  PuenteError,
  permissions,
  proposeMapping,
  type RowProblem,
  type SheetRowReport,
} from '@puente/core';
import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { possibleDuplicates } from '../clients/duplicates.js';
import { readPerson, type SheetPerson, type Staff } from './people.js';
import type { Sheet } from './read-sheet.js';

type Request = z.output<typeof CaseloadSheetRequest>;

export interface CheckedSheet {
  report: CaseloadDryRun;
  /** The people the import would register: every row with no problem, in the sheet's order. */
  ready: SheetPerson[];
}

async function staff(db: Queryable, orgId: string, roles: readonly string[]): Promise<Staff> {
  const users = await db.query<{ id: string; email: string; name: string }>(
    `select id, lower(email) as email, display_name as name from app_user
      where org_id = $1 and disabled_at is null and role = any($2::text[])`,
    [orgId, roles],
  );
  const byName = new Map<string, string[]>();
  for (const u of users) byName.set(foldName(u.name), [...(byName.get(foldName(u.name)) ?? []), u.id]);
  return { byEmail: new Map(users.map((u) => [u.email, u.id])), byName };
}

function checkMapping(sheet: Sheet, mapping: ColumnMapping, chosen: boolean): void {
  if (Object.values(mapping).some((at) => at >= sheet.columns.length))
    throw new PuenteError(400, 'errors.sheetMappingColumn');
  if (chosen && mapping.givenName === undefined && mapping.fullName === undefined)
    throw new PuenteError(400, 'errors.sheetMappingNoName');
}

/**
 * The sheet's phones and birth dates that someone in the caseload also has, in one query: only
 * rows sharing one can be a duplicate (the check needs the same phone or birth date), so only
 * those go through the registration's check, row by row.
 */
async function sharedIdentifiers(db: Queryable, orgId: string, people: SheetPerson[]): Promise<Set<string>> {
  const phones = [...new Set(people.flatMap((p) => (p.phone ? [p.phone] : [])))];
  const births = [...new Set(people.flatMap((p) => (p.birthDate ? [p.birthDate] : [])))];
  const rows = await db.query<{ phone: string | null; birth: string | null }>(
    `select phone, birth_date::text as birth from client
      where org_id = $1 and merged_into is null and (phone = any($2::text[]) or birth_date = any($3::date[]))`,
    [orgId, phones, births],
  );
  return new Set(rows.flatMap((r) => [r.phone, r.birth].filter((v): v is string => v !== null)));
}

/** Later rows that repeat an earlier one: the same folded name with the same phone or birth date. */
function repeatsInFile(people: SheetPerson[]): Map<number, number> {
  const seen = new Map<string, number>();
  const repeats = new Map<number, number>();
  for (const p of people) {
    const name = foldName([p.givenName, p.familyName].filter(Boolean).join(' '));
    const keys = [p.phone && `${name}|p|${p.phone}`, p.birthDate && `${name}|b|${p.birthDate}`].filter(
      (k): k is string => Boolean(k),
    );
    const earlier = keys.map((k) => seen.get(k)).find((row) => row !== undefined);
    if (earlier !== undefined) repeats.set(p.row, earlier);
    else for (const k of keys) seen.set(k, p.row);
  }
  return repeats;
}

/**
 * The dry run: every row read through the mapping and checked as registering would check it,
 * then against the rest of the file and the existing caseload (the registration's duplicate
 * check: same name with the same phone or birth date). Nothing is written but one audit event
 * of counts; an admin sees no one by name, so a duplicate is said as "already in the caseload".
 */
export async function checkSheet(
  db: Queryable,
  caller: Caller,
  sheet: Sheet,
  request: Request,
): Promise<CheckedSheet> {
  const { actor } = caller;
  const mapping = request.mapping ?? proposeMapping(sheet.columns);
  checkMapping(sheet, mapping, request.mapping !== undefined);
  // Whom a person may be given to, and who may have recorded a consent: the policy's roles, not names here.
  const chws = await staff(db, actor.orgId, permissions['caseload.hold']);
  if (request.chwId && ![...chws.byEmail.values()].includes(request.chwId))
    throw new PuenteError(400, 'errors.chwNotAssignable');
  const recorders = await staff(db, actor.orgId, permissions['program.read']);

  const read = sheet.rows.map(({ row, cells }) => readPerson(row, cells, mapping, request, chws, recorders));
  const clean = read.filter((r) => r.problems.length === 0).map((r) => r.person);
  const repeats = repeatsInFile(clean);
  const shared = await sharedIdentifiers(db, actor.orgId, clean);
  const problems: SheetRowReport[] = [];
  const ready: SheetPerson[] = [];
  let duplicates = 0;
  for (const { person, problems: found } of read) {
    const reasons: RowProblem[] = [...found];
    const sameAs = repeats.get(person.row);
    if (sameAs !== undefined) reasons.push('duplicateInFile');
    else if (
      reasons.length === 0 &&
      ((person.phone && shared.has(person.phone)) || (person.birthDate && shared.has(person.birthDate)))
    ) {
      const match = await possibleDuplicates(db, actor, person);
      if (match.heldElsewhere || match.visible.length > 0) reasons.push('duplicateInCaseload');
    }
    if (reasons.includes('duplicateInFile') || reasons.includes('duplicateInCaseload')) duplicates += 1;
    if (reasons.length === 0) ready.push(person);
    else problems.push({ row: person.row, problems: reasons, ...(sameAs === undefined ? {} : { sameAs }) });
  }
  const report: CaseloadDryRun = {
    columns: sheet.columns,
    mapping,
    rows: read.length,
    ready: ready.length,
    skipped: read.length - ready.length,
    duplicates,
    problems,
  };
  await recordAudit(db, who(caller), {
    action: 'caseload.import-checked',
    subjectType: 'caseload-import',
    detail: { rows: report.rows, ready: report.ready, skipped: report.skipped, duplicates },
  });
  return { report, ready };
}
