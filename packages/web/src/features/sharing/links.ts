import { addDays, MAX_SHARE_DAYS } from '@puente/core';
import { deviceToday } from '../../app/dates';

/** A text message with the body filled in; without a number, the CHW picks the person in the app. */
export const smsLink = (message: string, phone = '') => `sms:${phone}?&body=${encodeURIComponent(message)}`;

/** WhatsApp's share link: it opens the app and asks who to send the text to. */
export const whatsappLink = (message: string) => `https://wa.me/?text=${encodeURIComponent(message)}`;

/** The days a private link may last until, on this phone's calendar (the server checks in the program's). */
export function shareDays(): { first: string; last: string; suggested: string } {
  const first = deviceToday();
  return { first, last: addDays(first, MAX_SHARE_DAYS), suggested: addDays(first, 30) };
}

export const withinShareDays = (day: string): boolean => {
  const { first, last } = shareDays();
  return Boolean(day) && day >= first && day <= last;
};
