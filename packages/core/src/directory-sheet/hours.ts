/**
 * Opening hours as a program writes them in a sheet ("Mon–Fri 9am–5pm; Sat 10–2", "Lun–Vie 9–17",
 * "24/7", "closed") read into HSDS schedule rows: one per run of days with the same times.
 */

import { type WeekDay, weekDays } from '../directory/hours.js';

/** One weekly opening as HSDS keeps it: the days (MO,TU,...) and local times "HH:MM". */
export interface SheetSchedule {
  byday: string;
  opens_at: string;
  closes_at: string;
}

/** What a cell of hours says: openings, closed, nothing written, or not understood (undefined). */
export type ReadHours = { kind: 'open'; schedules: SheetSchedule[] } | { kind: 'closed' } | { kind: 'blank' };

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[–—−]/g, '-')
    // "a.m." would read as Spanish "a" (to): written as "am" first.
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/\s+/g, ' ')
    .trim();

// English and Spanish names and short forms; Spanish "mi" (miércoles) is kept apart from "mo".
const dayWords: Record<string, WeekDay> = {};
const names: [WeekDay, string[]][] = [
  ['MO', ['mon', 'monday', 'mo', 'lun', 'lunes', 'lu']],
  ['TU', ['tue', 'tues', 'tuesday', 'tu', 'mar', 'martes', 'ma']],
  ['WE', ['wed', 'weds', 'wednesday', 'we', 'mie', 'miercoles', 'mi', 'mier']],
  ['TH', ['thu', 'thur', 'thurs', 'thursday', 'th', 'jue', 'jueves', 'ju']],
  ['FR', ['fri', 'friday', 'fr', 'vie', 'viernes', 'vi']],
  ['SA', ['sat', 'saturday', 'sa', 'sab', 'sabado']],
  ['SU', ['sun', 'sunday', 'su', 'dom', 'domingo', 'do']],
];
for (const [day, words] of names) for (const w of words) dayWords[w] = day;
const everyDay =
  /^(daily|every ?day|all week|todos los dias|diario|a diario|toda la semana|lun(es)?-dom(ingo)?|mon(day)?-sun(day)?)$/;
const closedWords = /^(closed|cerrado|cerrada|no|none|ninguno)$/;
const alwaysWords = /^(24\/7|24 ?x ?7|24 hours|24 hrs|open 24 hours|24 horas|abierto 24 horas)$/;

/** The days a phrase names: "mon-fri", "lun, mie y vie", "sat & sun", "daily"; undefined when it is not days. */
function readDays(text: string): WeekDay[] | undefined {
  const t = text.replace(/\.(?=\s|-|,|$)/g, '').trim();
  if (everyDay.test(t)) return [...weekDays];
  const days: WeekDay[] = [];
  for (const part of t.split(/\s*(?:,|&|\/|\by\b|\band\b)\s*/).filter(Boolean)) {
    const range = /^([a-z]+)\s*(?:-|\bto\b|\ba\b|\bthru\b|\bthrough\b|\bal\b)\s*([a-z]+)$/.exec(part);
    if (range) {
      const from = dayWords[range[1] ?? ''];
      const to = dayWords[range[2] ?? ''];
      if (!from || !to) return undefined;
      const a = weekDays.indexOf(from);
      const b = weekDays.indexOf(to);
      for (let i = a; ; i = (i + 1) % 7) {
        days.push(weekDays[i] as WeekDay);
        if (i === b) break;
      }
    } else {
      const day = dayWords[part];
      if (!day) return undefined;
      days.push(day);
    }
  }
  return days.length > 0 ? [...new Set(days)] : undefined;
}

interface Clock {
  hour: number;
  minute: number;
  meridiem?: 'am' | 'pm';
}

function readClock(text: string): Clock | undefined {
  const t = text.trim();
  if (/^(noon|mediodia|12 ?m)$/.test(t)) return { hour: 12, minute: 0, meridiem: 'pm' };
  if (/^(midnight|medianoche)$/.test(t)) return { hour: 0, minute: 0 };
  const m = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|a|p)?(?: ?hrs?| ?h)?$/.exec(t);
  if (!m) return undefined;
  const hour = Number(m[1]);
  const minute = Number(m[2] ?? 0);
  if (minute > 59) return undefined;
  const meridiem = m[3] ? (m[3].startsWith('a') ? 'am' : 'pm') : undefined;
  if (meridiem ? hour < 1 || hour > 12 : hour > 24) return undefined;
  return { hour, minute, ...(meridiem ? { meridiem } : {}) };
}

const in24 = (c: Clock, meridiem = c.meridiem) =>
  meridiem === undefined ? c.hour % 24 : (c.hour % 12) + (meridiem === 'pm' ? 12 : 0);
const hhmm = (hour: number, minute: number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

/**
 * A span such as "9am-5pm", "9-5", "9:30-17:00", "1-5pm": a time without am/pm takes the other's
 * ("1-5pm" is afternoon) or, with neither, a 12-hour reading when the span would otherwise end
 * before it starts ("9-5" is 9:00 to 17:00).
 */
function readSpan(text: string): { opens: string; closes: string } | undefined {
  const m = /^(.+?)\s*(?:-|\bto\b|\ba\b|\bhasta\b)\s*(.+)$/.exec(text.replace(/^(de|from)\s+/, ''));
  if (!m) return undefined;
  const from = readClock(m[1] ?? '');
  const to = readClock(m[2] ?? '');
  if (!from || !to) return undefined;
  let start = in24(from);
  let end = in24(to);
  if (!from.meridiem && to.meridiem) {
    const asPm = in24(from, to.meridiem);
    start = to.meridiem === 'pm' && from.hour <= 12 && asPm < end ? asPm : in24(from, 'am');
  } else if (from.meridiem && !to.meridiem && to.hour <= 12) {
    const asPm = in24(to, 'pm');
    end = in24(to, 'am') <= start && asPm > start ? asPm : in24(to, 'am');
  } else if (!from.meridiem && !to.meridiem && end <= start && to.hour < 12 && to.hour + 12 > start) {
    end = to.hour + 12;
  }
  if (to.hour === 24 && !to.meridiem) return { opens: hhmm(start, from.minute), closes: '23:59' };
  const opens = hhmm(start, from.minute);
  const closes = hhmm(end, to.minute);
  return opens === closes ? undefined : { opens, closes };
}

/** One part: days, then spans; a piece after a comma that starts with days begins another part. */
function readPart(part: string): SheetSchedule[] | undefined {
  // The days are the words before the first digit (or "noon"); "closed" after them adds nothing.
  const at = part.search(/\d|noon|mediodia|midnight|medianoche|closed|cerrad[oa]/);
  if (at <= 0) return undefined;
  const days = readDays(
    part
      .slice(0, at)
      .replace(/[:,]?\s*(de|from|desde)?\s*$/, '')
      .trim(),
  );
  if (!days) return undefined;
  const byday = days.join(',');
  const rest = part.slice(at).trim();
  if (closedWords.test(rest)) return [];
  if (alwaysWords.test(rest) || /^24 ?h(ou)?rs?$/.test(rest))
    return [{ byday, opens_at: '00:00', closes_at: '23:59' }];
  const out: SheetSchedule[] = [];
  const pieces = rest.split(/\s*(?:,|&|\by\b|\band\b)\s*/).filter(Boolean);
  for (const [i, piece] of pieces.entries()) {
    const span = readSpan(piece);
    if (span) {
      out.push({ byday, opens_at: span.opens, closes_at: span.closes });
      continue;
    }
    if (!/^[a-z]/.test(piece)) return undefined;
    const more = readPart(pieces.slice(i).join(', '));
    return more ? [...out, ...more] : undefined;
  }
  return out;
}

/**
 * Reads a cell of hours. Parts are split by `;`, new lines or `|`; each is days then one or more
 * spans ("Mon-Fri 9-12, 1-5"). Undefined when any part cannot be read, so the row's warning
 * says the hours were not understood rather than keeping half of them.
 * @example readHours('Lun–Vie 9–17') // { kind: 'open', schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }] }
 */
export function readHours(text: string): ReadHours | undefined {
  const t = fold(text);
  if (t === '') return { kind: 'blank' };
  if (closedWords.test(t)) return { kind: 'closed' };
  if (alwaysWords.test(t))
    return {
      kind: 'open',
      schedules: [{ byday: weekDays.join(','), opens_at: '00:00', closes_at: '23:59' }],
    };
  const schedules: SheetSchedule[] = [];
  for (const part of t.split(/\s*(?:;|\n|\|)\s*/).filter(Boolean)) {
    const read = readPart(part);
    if (!read) return undefined;
    schedules.push(...read);
  }
  return schedules.length > 0 ? { kind: 'open', schedules } : { kind: 'closed' };
}

const shortDay: Record<WeekDay, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

/** Days as a form shows them again: runs as "Mon-Fri", others listed. */
function writeDays(byday: string): string {
  const idx = [
    ...new Set(byday.split(',').map((d) => weekDays.indexOf(d.trim().toUpperCase().slice(-2) as WeekDay))),
  ]
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  if (idx.length === 7) return 'Mon-Sun';
  const runs: number[][] = [];
  for (const i of idx) {
    const last = runs.at(-1);
    if (last && last.at(-1) === i - 1) last.push(i);
    else runs.push([i]);
  }
  const name = (i: number | undefined) => shortDay[weekDays[i ?? 0] as WeekDay];
  return runs
    .map((r) => (r.length > 2 ? `${name(r[0])}-${name(r.at(-1))}` : r.map(name).join(', ')))
    .join(', ');
}

/**
 * Schedules written back as words `readHours` reads again ("Mon-Fri 09:00-17:00; Sat 10:00-14:00"),
 * for the form that edits a service; a schedule with only a description gives that description.
 */
export function writeHours(
  schedules: readonly { byday?: unknown; opens_at?: unknown; closes_at?: unknown; description?: unknown }[],
): string {
  const parts: string[] = [];
  const byDays = new Map<string, string[]>();
  for (const s of schedules) {
    if (typeof s.opens_at === 'string' && typeof s.closes_at === 'string') {
      const days = writeDays(typeof s.byday === 'string' && s.byday ? s.byday : weekDays.join(','));
      byDays.set(days, [...(byDays.get(days) ?? []), `${s.opens_at.slice(0, 5)}-${s.closes_at.slice(0, 5)}`]);
    } else if (typeof s.description === 'string' && s.description.trim()) parts.push(s.description.trim());
  }
  return [...[...byDays].map(([days, spans]) => `${days} ${spans.join(', ')}`), ...parts].join('; ');
}
