import { dueSlot, type ReminderSlot, reminderDue } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { dueWithin } from './due-query.js';

// PostgreSQL picks the appointments that may have a reminder due; core's dueSlot decides. Over
// days that cross both changes of daylight saving time, in zones whole, half and three-quarter
// hours from UTC, nothing core would remind of may be left out, and what cannot be due stays out.
const h = useApp();
let w: CaseloadWorld;
const minute = 60_000;
const hour = 60 * minute;
const slots: ReminderSlot[] = [
  { daysBefore: 1, at: '18:00' },
  { daysBefore: 2, at: '09:30' },
  { hoursBefore: 2 },
];
const spans = [new Date('2026-03-06T00:00:00Z'), new Date('2026-10-30T00:00:00Z')];
const times: Date[] = [];

beforeAll(async () => {
  w = await caseloadWorld(h, 'due-query');
  const person = await register(h, w.cookie.chw, { givenName: 'Zoé', preferredLanguage: 'es' });
  for (const start of spans)
    for (let at = start.getTime() + 2 * 24 * hour; at < start.getTime() + 5 * 24 * hour; at += 37 * minute)
      times.push(new Date(at));
  await h.db.query(
    `insert into appointment (id, org_id, client_id, place, at, created_by)
     select gen_random_uuid(), $1, $2, 'Clínica', t, $3 from unnest($4::timestamptz[]) as t`,
    [w.org.orgId, person.id, w.org.ids[w.org.chw], times.map((t) => t.toISOString())],
  );
});

describe('the appointments a pass of the reminders looks at', () => {
  it.each(['America/Chicago', 'Asia/Kathmandu', 'America/St_Johns', 'Etc/GMT-9'])(
    'in %s: every one with a slot due, and none without one within the hour',
    async (zone) => {
      let looked = 0;
      for (const start of spans)
        for (let now = start.getTime(); now < start.getTime() + 5 * 24 * hour; now += 53 * minute) {
          const at = new Date(now);
          const horizon = new Date(now + 3 * 24 * hour);
          const picked = new Set(
            (await dueWithin(h.db, w.org.orgId, at, horizon, slots, zone)).map((d) => Date.parse(d.at)),
          );
          const inWindow = times.filter((t) => t > at && t <= horizon);
          const due = inWindow.filter((t) => dueSlot(t, slots, zone, at) !== undefined);
          // Due within the hour by core's own clock: the most the query's hour early may add.
          const soon = inWindow.filter((t) =>
            slots.some((s) => reminderDue(t, s, zone).getTime() <= now + hour),
          );
          for (const t of due)
            expect(picked.has(t.getTime()), `${t.toISOString()} at ${at.toISOString()}`).toBe(true);
          for (const t of picked) expect(soon.some((s) => s.getTime() === t)).toBe(true);
          looked += due.length;
        }
      // The table is not empty: the passes found reminders due.
      expect(looked).toBeGreaterThan(100);
    },
  );
});
