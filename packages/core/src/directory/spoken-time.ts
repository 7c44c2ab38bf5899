/**
 * Times of day as people write them in directories ("9am", "4:00 PM", "noon", "9 de la mañana"),
 * read as the HSDS form "HH:MM", so an import keeps the schedule and says what it read.
 */

const named: Record<string, string> = {
  noon: '12:00',
  midday: '12:00',
  '12noon': '12:00',
  mediodia: '12:00',
  midnight: '00:00',
  '12midnight': '00:00',
  medianoche: '00:00',
};

const meridiem: Record<string, 'am' | 'pm'> = {
  am: 'am',
  pm: 'pm',
  delamanana: 'am',
  delamadrugada: 'am',
  delatarde: 'pm',
  delanoche: 'pm',
};

// After folding: hours, then minutes (after ":", "." or "h") and seconds, then am/pm or an "h"/"hrs" mark.
const form =
  /^(\d{1,2})(?:[:.h](\d{2})(?::(\d{2}))?)?(am|pm|delamanana|delamadrugada|delatarde|delanoche|h|hrs?)?$/;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The time of day `text` says, as "HH:MM" (or "HH:MM:SS" when it gives seconds), or undefined
 * when it says none. A 24-hour time comes back the same, with a leading zero if it lacked one.
 * @example spokenTime('4:00 PM') // '16:00'
 * @example spokenTime('noon') // '12:00'
 * @example spokenTime('13pm') // undefined
 */
export function spokenTime(text: string): string | undefined {
  const folded = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s.]+(?=[ap]\.?\s*m\.?$)/, '')
    .replace(/([ap])\.?\s*m\.?$/, '$1m')
    .replace(/\s+/g, '');
  const name = named[folded];
  if (name) return name;
  const m = form.exec(folded);
  if (!m) return undefined;
  const [, h = '', min = '00', sec, mark] = m;
  let hour = Number(h);
  const minute = Number(min);
  const half = mark ? meridiem[mark] : undefined;
  if (half) {
    // 12-hour clock: 1 to 12 only; 12am is midnight, 12pm noon.
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (m[2] === undefined && mark === undefined) {
    // A bare number ("9") could be either half of the day: not guessed.
    return undefined;
  }
  if (hour > 23 || minute > 59 || (sec !== undefined && Number(sec) > 59)) return undefined;
  return `${two(hour)}:${two(minute)}${sec === undefined ? '' : `:${sec}`}`;
}
