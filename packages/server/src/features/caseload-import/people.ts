import {
  BirthDate,
  CalendarDate,
  type CaseloadSheetRequest,
  type ColumnMapping,
  foldName,
  type ImportField,
  LanguageTag,
  Phone,
  type RowProblem,
  readConsent,
  readLanguage,
  readSheetDate,
} from '@puente/core';
import type { z } from 'zod';

type Request = z.output<typeof CaseloadSheetRequest>;

/** Users a sheet may name, by email or by display name (folded). */
export interface Staff {
  byEmail: Map<string, string>;
  byName: Map<string, string[]>;
}

/** One person as the sheet describes them, once every cell has been read. */
export interface SheetPerson {
  row: number;
  givenName: string;
  familyName?: string | undefined;
  phone?: string | undefined;
  birthDate?: string | undefined;
  preferredLanguage: string;
  neighborhood?: string | undefined;
  chwId?: string | undefined;
  consent?: {
    givenOn: string;
    method: 'verbal' | 'written';
    recordedBy?: string | undefined;
    recorderNote?: string;
  };
}

const today = () => new Date().toISOString().slice(0, 10);

function findUser(staff: Staff, cell: string): string | RowProblem {
  const byEmail = staff.byEmail.get(cell.trim().toLowerCase());
  if (byEmail) return byEmail;
  const named = staff.byName.get(foldName(cell)) ?? [];
  if (named.length > 1) return 'ambiguousChw';
  return named[0] ?? 'unknownChw';
}

/**
 * Reads one row through the mapping: the person it would register, or each reason it cannot.
 * A full name column gives the first word as the given name and the rest as the family name.
 */
export function readPerson(
  row: number,
  cells: string[],
  mapping: ColumnMapping,
  request: Request,
  chws: Staff,
  recorders: Staff,
): { person: SheetPerson; problems: RowProblem[] } {
  const cell = (field: ImportField) => {
    const at = mapping[field];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  const problems: RowProblem[] = [];
  let givenName = cell('givenName');
  let familyName = cell('familyName') || undefined;
  if (mapping.givenName === undefined) {
    const [first = '', ...rest] = cell('fullName').split(/\s+/);
    givenName = first;
    familyName = rest.join(' ') || familyName;
  }
  if (!givenName) problems.push('missingName');
  else if (givenName.length > 120 || (familyName?.length ?? 0) > 120) problems.push('nameTooLong');

  const person: SheetPerson = { row, givenName, familyName, preferredLanguage: request.defaultLanguage };
  const birth = cell('birthDate');
  if (birth) {
    const parsed = BirthDate.safeParse(readSheetDate(birth, request.dateOrder) ?? '');
    if (parsed.success) person.birthDate = parsed.data;
    else problems.push('badBirthDate');
  }
  const phone = cell('phone');
  if (phone) {
    const parsed = Phone.safeParse(phone);
    if (parsed.success) person.phone = parsed.data;
    else problems.push('badPhone');
  }
  const language = cell('preferredLanguage');
  if (language) {
    const parsed = LanguageTag.safeParse(readLanguage(language) ?? '');
    if (parsed.success) person.preferredLanguage = parsed.data;
    else problems.push('badLanguage');
  }
  person.neighborhood = cell('neighborhood').slice(0, 120) || undefined;

  const chw = cell('chw');
  const found = chw ? findUser(chws, chw) : request.chwId;
  if (found === undefined) problems.push('noChw');
  else if (found === 'unknownChw' || found === 'ambiguousChw') problems.push(found);
  else person.chwId = found;

  const consent = cell('consent');
  const given = mapping.consent === undefined ? false : readConsent(consent);
  if (given === undefined) problems.push('badConsent');
  if (given) {
    const dateCell = cell('consentDate');
    const on = CalendarDate.safeParse(readSheetDate(dateCell, request.dateOrder) ?? '');
    if (!dateCell) problems.push('consentWithoutDate');
    else if (!on.success || on.data > today()) problems.push('badConsentDate');
    else {
      const recorder = cell('consentRecordedBy');
      const recordedBy = recorder ? findUser(recorders, recorder) : undefined;
      const known = recordedBy && recordedBy !== 'unknownChw' && recordedBy !== 'ambiguousChw';
      person.consent = {
        givenOn: on.data,
        method: /^(written|escrito|por escrito)$/.test(foldName(consent)) ? 'written' : 'verbal',
        ...(known ? { recordedBy } : {}),
        // Someone who recorded it and has no account here (a former promotora) is kept in the note.
        recorderNote:
          recorder && !known
            ? `Imported from a spreadsheet; recorded by ${recorder}`
            : 'Imported from a spreadsheet',
      };
    }
  }
  return { person, problems };
}
