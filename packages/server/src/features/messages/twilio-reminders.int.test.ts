import { describe, expect, it } from 'vitest';
import { call } from '../../test/http.js';
import { SENDER, useTwilioProgram } from '../../test/twilio-program.js';
import { deliverDueTexts, deliverTexts } from './deliver.js';
import { queueDueReminders } from './reminders.js';

const twilio = useTwilioProgram();
const { h, provider, textablePerson, statusOf, thread } = twilio;

describe('reminders through Twilio', () => {
  it('sends a reminder once although the first attempt’s reply was lost, and status callbacks update it', async () => {
    const p = await textablePerson('Lucía', '(555) 201-3344');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    // Not due yet an hour before the slot.
    expect(await queueDueReminders(h.db, h.config, new Date(p.dayBefore6pm.getTime() - 3_600_000))).toBe(0);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
    // A second pass (or a second server) finds it queued already.
    expect(await queueDueReminders(h.db, h.config, now)).toBe(0);

    const before = twilio.fake.messages.length;
    twilio.fake.failNext('lost-reply');
    const first = await deliverTexts(h.db, h.config, provider(), now);
    expect(first).toMatchObject({ sent: 0, failed: 1 });
    expect(twilio.fake.messages.length).toBe(before + 1);
    const sent = twilio.fake.messages.at(-1);
    if (!sent) throw new Error('nothing sent');
    expect(sent.to).toBe('+15552013344');
    expect(sent.from).toBe(SENDER);
    // Spanish, her name, when; never the purpose (Psiquiatría).
    expect(sent.body).toContain('Lucía');
    expect(sent.body).toContain('Responda 1');
    expect(sent.body).not.toContain('Psiquiatr');

    // Twilio's status news comes back carrying Puente's id: the retry finds the message handed over.
    expect((await statusOf(sent, 'sent')).status).toBe(200);
    const retry = await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 10 * 60_000));
    expect(retry).toMatchObject({ sent: 0, failed: 0, skipped: 1 });
    expect(twilio.fake.messages.length).toBe(before + 1);

    const t1 = await thread(p.client.id);
    expect(t1.messages).toHaveLength(1);
    expect(t1.messages[0]).toMatchObject({
      kind: 'reminder',
      status: 'sent',
      appointmentId: p.appointmentId,
    });
    expect(t1.messages[0]?.body).toBe(sent.body);

    expect((await statusOf(sent, 'delivered')).status).toBe(200);
    // Late or repeated news never moves a message back.
    expect((await statusOf(sent, 'sent')).status).toBe(200);
    expect((await statusOf(sent, 'delivered')).status).toBe(200);
    expect((await thread(p.client.id)).messages[0]?.status).toBe('delivered');

    // The 2-hours-before slot comes later, once.
    const twoHours = new Date(p.at.getTime() - 2 * 3_600_000 + 60_000);
    expect(await queueDueReminders(h.db, h.config, twoHours)).toBe(1);
    expect(await queueDueReminders(h.db, h.config, twoHours)).toBe(0);
  });

  it('waits when Twilio is down and sends once it answers', async () => {
    const p = await textablePerson('Rocío', '555-201-7788');
    const now = new Date(p.dayBefore6pm.getTime() + 60_000);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
    const before = twilio.fake.messages.length;
    twilio.fake.failNext('unavailable');
    expect(await deliverTexts(h.db, h.config, provider(), now)).toMatchObject({ failed: 1 });
    expect(twilio.fake.messages.length).toBe(before);
    // Not before its backoff…
    expect(await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 10_000))).toMatchObject({
      sent: 0,
    });
    // …and then exactly once.
    expect(await deliverTexts(h.db, h.config, provider(), new Date(now.getTime() + 60_000))).toMatchObject({
      sent: 1,
    });
    expect(twilio.fake.messages.filter((m) => m.to === '+15552017788')).toHaveLength(1);
  });

  it('hands every reminder due in the same minute to Twilio in one pass, batch after batch', async () => {
    const people = [];
    for (const n of [1, 2, 3, 4, 5]) people.push(await textablePerson(`Grupo${n}`, `555-301-000${n}`));
    const now = new Date((people[0]?.dayBefore6pm.getTime() ?? 0) + 60_000);
    expect(await queueDueReminders(h.db, h.config, now)).toBe(5);
    const before = twilio.fake.messages.length;
    expect(await deliverDueTexts(h.db, h.config, provider(), now, undefined, { batch: 2 })).toMatchObject({
      sent: 5,
    });
    expect(new Set(twilio.fake.messages.slice(before).map((m) => m.to)).size).toBe(5);
  });

  it('holds a reminder due in quiet hours until they end in the program’s zone', async () => {
    const p = await textablePerson('Quieta', '555-201-6655');
    await call(h.app, 'PUT', '/api/messages/settings', {
      cookie: twilio.w.cookie.admin,
      body: {
        sender: SENDER,
        reminders: [{ daysBefore: 1, at: '18:00' }],
        quietStart: '17:00',
        quietEnd: '19:00',
      },
    });
    try {
      const now = new Date(p.dayBefore6pm.getTime() + 60_000);
      expect(await queueDueReminders(h.db, h.config, now)).toBe(1);
      const before = twilio.fake.messages.length;
      expect(await deliverTexts(h.db, h.config, provider(), now)).toMatchObject({ sent: 0 });
      const after = new Date(p.dayBefore6pm.getTime() + 3_600_000 + 60_000);
      expect(await deliverTexts(h.db, h.config, provider(), after)).toMatchObject({ sent: 1 });
      expect(twilio.fake.messages.length).toBe(before + 1);
    } finally {
      await call(h.app, 'PUT', '/api/messages/settings', {
        cookie: twilio.w.cookie.admin,
        body: {
          sender: SENDER,
          reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
          quietStart: '00:00',
          quietEnd: '00:00',
        },
      });
    }
  });
});
