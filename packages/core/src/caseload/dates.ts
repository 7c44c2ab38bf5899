/** Time zones whose formatters are kept: a program has one, a server a handful; a bound all the same. */
const KEPT_ZONES = 64;

/**
 * One formatter per time zone and shape, made once: building an
 * Intl.DateTimeFormat costs far more than formatting with it (it was 8 % of
 * the server's thread, one per visit written). Past KEPT_ZONES the oldest goes.
 */
export function formatterFor(
  cache: Map<string, Intl.DateTimeFormat>,
  timeZone: string,
  make: (timeZone: string) => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let format = cache.get(timeZone);
  if (!format) {
    // An unknown zone throws here, as before, and is not kept.
    format = make(timeZone);
    if (cache.size >= KEPT_ZONES) cache.delete(cache.keys().next().value as string);
    cache.set(timeZone, format);
  }
  return format;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const weekFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date (YYYY-MM-DD) in a time zone: what "today" means to the CHW. */
export function localDate(at: Date, timeZone: string): string {
  const parts = formatterFor(
    dayFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The day of the week (0 = Sunday, as `Date#getDay`) and the clock time ("HH:MM",
 * 24-hour) of an instant in a time zone: what a rota or opening hours are read in.
 * @example weekTime(new Date('2026-03-02T15:30:00Z'), 'America/Chicago') // { day: 1, time: '09:30' }
 */
export function weekTime(at: Date, timeZone: string): { day: number; time: string } {
  const parts = formatterFor(
    weekFormats,
    timeZone,
    (zone) =>
      new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: weekdays.indexOf(get('weekday')), time: `${get('hour')}:${get('minute')}` };
}

/** Adds whole days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** True when a YYYY-MM-DD string names a real calendar day. */
export function isRealDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}
