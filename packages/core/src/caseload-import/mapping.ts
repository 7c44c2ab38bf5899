import { foldName } from '../caseload/names.js';
import type { ColumnMapping, ImportField } from './schemas.js';

/**
 * Header words, folded (no accents, lower case), that name each field: English and
 * Spanish, and what CommCare and CHT exports call them. Exact matches only: a guess
 * the admin cannot see is worse than a column left for them to choose.
 */
const headerWords: Record<ImportField, readonly string[]> = {
  givenName: ['nombre', 'nombres', 'primer nombre', 'first name', 'firstname', 'given name', 'given'],
  familyName: ['apellido', 'apellidos', 'last name', 'lastname', 'family name', 'surname'],
  fullName: ['name', 'full name', 'nombre completo', 'client name', 'case name', 'patient name'],
  phone: [
    'telefono',
    'tel',
    'celular',
    'movil',
    'phone',
    'phone number',
    'mobile',
    'cell',
    'numero de telefono',
  ],
  birthDate: [
    'fecha de nacimiento',
    'fecha nacimiento',
    'nacimiento',
    'birth date',
    'birthdate',
    'date of birth',
    'dob',
  ],
  preferredLanguage: ['idioma', 'idioma preferido', 'lengua', 'language', 'preferred language'],
  neighborhood: ['barrio', 'colonia', 'vecindario', 'neighborhood', 'neighbourhood', 'area'],
  chw: [
    'promotora',
    'promotor',
    'promotora asignada',
    'chw',
    'assigned chw',
    'community health worker',
    'owner',
    'asignada a',
    'asignado a',
    'assigned to',
  ],
  consent: ['consentimiento', 'consent', 'consent given', 'consent status', 'estado del consentimiento'],
  consentDate: ['fecha de consentimiento', 'fecha del consentimiento', 'consent date', 'date of consent'],
  consentRecordedBy: [
    'consentimiento registrado por',
    'registrado por',
    'consent recorded by',
    'recorded by',
  ],
};

const foldHeader = (header: string) =>
  foldName(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The mapping the server proposes from the header row: each field to the first column whose
 * header names it. A full name column is proposed only when there is no given name column.
 * @example proposeMapping(['Nombre', 'Apellido', 'Teléfono']) // { givenName: 0, familyName: 1, phone: 2 }
 */
export function proposeMapping(columns: readonly string[]): ColumnMapping {
  const folded = columns.map(foldHeader);
  const mapping: ColumnMapping = {};
  for (const [field, words] of Object.entries(headerWords) as [ImportField, readonly string[]][]) {
    const at = folded.findIndex((h) => words.includes(h));
    if (at >= 0) mapping[field] = at;
  }
  if (mapping.givenName !== undefined) delete mapping.fullName;
  return mapping;
}

const yes = new Set([
  'yes',
  'y',
  'si',
  's',
  'true',
  'x',
  '1',
  'given',
  'dado',
  'otorgado',
  'agreed',
  'acepto',
  'verbal',
  'written',
  'escrito',
]);
const no = new Set(['no', 'n', 'false', '0', 'not given', 'no dado', 'declined', 'rechazado', '']);

/** A consent cell in plain words: given, not given, or unreadable (undefined). */
export function readConsent(cell: string): boolean | undefined {
  const v = foldHeader(cell);
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return undefined;
}

const languageWords: Record<string, string> = {
  es: 'es',
  spa: 'es',
  spanish: 'es',
  espanol: 'es',
  castellano: 'es',
  en: 'en',
  eng: 'en',
  english: 'en',
  ingles: 'en',
  pt: 'pt',
  portuguese: 'pt',
  portugues: 'pt',
  fr: 'fr',
  french: 'fr',
  frances: 'fr',
  ht: 'ht',
  'haitian creole': 'ht',
  creole: 'ht',
  'criollo haitiano': 'ht',
  zh: 'zh',
  chinese: 'zh',
  chino: 'zh',
  vi: 'vi',
  vietnamese: 'vi',
  vietnamita: 'vi',
};

/** A language cell as a tag (`es`, `en`, …): a name in English or Spanish, or a tag itself. */
export function readLanguage(cell: string): string | undefined {
  const tag = cell.trim();
  if (/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag) && !languageWords[foldHeader(tag)]) return tag;
  return languageWords[foldHeader(cell)];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A date cell as YYYY-MM-DD, or undefined when it cannot be read. ISO is read as is; with
 * slashes, dots or dashes the day and month follow `order` unless only one reading is a date
 * (25/12/1980 is the 25th either way). Two-digit years are refused: 05 could be 1905 or 2005.
 */
export function readSheetDate(cell: string, order: 'dmy' | 'mdy'): string | undefined {
  const v = cell.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (iso) return `${iso[1]}-${pad(Number(iso[2]))}-${pad(Number(iso[3]))}`;
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (!parts) return undefined;
  const [a, b, year] = [Number(parts[1]), Number(parts[2]), parts[3]];
  const dayFirst = a > 12 ? true : b > 12 ? false : order === 'dmy';
  const [day, month] = dayFirst ? [a, b] : [b, a];
  return `${year}-${pad(month)}-${pad(day)}`;
}
