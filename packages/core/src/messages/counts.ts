import { z } from 'zod';
import { suppressedCells } from '../policy/suppress.js';
import { SmallCounts } from '../reports/schemas.js';
import type { TextMessageCounts } from './schemas.js';

/** The counts as reports publish them: a count under the program's threshold is null and listed in `smallCounts`. */
const Shown = z.number().int().nullable();
export const PublishedTextCounts = z
  .object({
    sent: Shown,
    delivered: Shown,
    failed: Shown,
    replied: Shown,
    optedOut: Shown,
    remindersSent: Shown,
    confirmed: Shown,
    askedForCall: Shown,
    smallCounts: SmallCounts,
  })
  .meta({ id: 'PublishedTextCounts' });
export type PublishedTextCounts = z.infer<typeof PublishedTextCounts>;

// The rest of a total beside its published parts: never published, only there so a hidden part cannot be had by subtraction.
const rest = (prefix: string) => `~${prefix}`;

/**
 * The text counts as a report may publish them, with the reports' rule
 * (`suppressedCells`): a count from 1 to threshold − 1 is hidden, and so is
 * whatever would give it back by subtraction — delivered and reminders are
 * parts of sent, confirmations and requests to call are parts of replies.
 * @example publishTextCounts({ sent: 40, delivered: 37, ... }, 11).delivered // null: 40 − 37 = 3 would show
 */
export function publishTextCounts(raw: TextMessageCounts, threshold: number): PublishedTextCounts {
  const counts: Record<string, number> = {
    ...raw,
    [rest('delivered')]: Math.max(0, raw.sent - raw.delivered),
    [rest('reminders')]: Math.max(0, raw.sent - raw.remindersSent),
    [rest('replied')]: Math.max(0, raw.replied - raw.confirmed - raw.askedForCall),
  };
  const hidden = suppressedCells(
    counts,
    [
      { total: 'sent', parts: ['delivered', rest('delivered')] },
      { total: 'sent', parts: ['remindersSent', rest('reminders')] },
      { total: 'replied', parts: ['confirmed', 'askedForCall', rest('replied')] },
    ],
    threshold,
  );
  const show = (key: keyof TextMessageCounts) => (hidden.has(key) ? null : raw[key]);
  return {
    sent: show('sent'),
    delivered: show('delivered'),
    failed: show('failed'),
    replied: show('replied'),
    optedOut: show('optedOut'),
    remindersSent: show('remindersSent'),
    confirmed: show('confirmed'),
    askedForCall: show('askedForCall'),
    smallCounts: { threshold, suppressed: [...hidden].filter((k) => !k.startsWith('~')).sort() },
  };
}
