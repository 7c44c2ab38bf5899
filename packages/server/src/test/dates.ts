import { addDays, localDate } from '@puente/core';
import { defaultSettings } from '../features/settings/queries.js';

/**
 * A day counted from today in the program's time zone (the default one, which
 * the test programs keep): the server judges "past" and "future" there, so a
 * test that used the UTC date failed every evening in California.
 */
export const programToday = (days = 0): string =>
  addDays(localDate(new Date(), defaultSettings.timeZone), days);
