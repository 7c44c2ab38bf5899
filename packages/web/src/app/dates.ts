import { localDate } from '@puente/core';

/**
 * Today on this phone's calendar. A form's default day must be the CHW's day:
 * the UTC date is already tomorrow every evening in California.
 */
export const deviceToday = (): string =>
  localDate(new Date(), Intl.DateTimeFormat().resolvedOptions().timeZone);
