import { createHmac, randomBytes } from 'node:crypto';
import { reminderDue, t, wallClock, zonedMoment } from '@puente/core';
import { createLogger, type Database, openPostgres } from '@puente/server';
import { type FakeProvider, fakeTwilio, runJobsOnce, testConfig } from '@puente/server/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  es,
  expectAccessible,
  expectHeading,
  fieldPhone,
  openFromMenu,
  screenshot,
  signIn,
} from './flows.js';
import { demo, launchBrowser, newPhone, type RunningServer, startServer, type TestRig } from './harness.js';
import { newPostgresDatabase } from './postgres.js';

// Issue 20 in the browser, in Spanish: Rosa books an appointment for a person who agreed to
// texts; the reminder goes out at the time the program set (the day before at 18:00), not a
// minute sooner; the person's "sí" shows on the appointment; a person without text consent gets
// nothing and the care plan says why.
//
// The clock: the server sends reminders from its jobs pass, at the moment the pass is given
// (`runJobsOnce(deps, now)`, as the server's own timer calls it with the wall clock). The
// server's timer is set to an hour here, so it never runs during the test, and the test runs
// the same pass on the same PostgreSQL database with the clock moved to the set time. The
// provider is a Twilio fake started by the test, speaking Twilio's request format.

const ZONE = 'America/Los_Angeles';
const SID = `AC${randomBytes(16).toString('hex')}`;
const TOKEN = randomBytes(24).toString('hex');
const SEALING_KEY = randomBytes(32);
const PROGRAM_NUMBER = '+15552001111';
const LUPITA = { name: 'Lupita', phone: '(555) 201-4455', e164: '+15552014455' };
const BETO = { name: 'Beto', phone: '(555) 201-7788', e164: '+15552017788' };
const CLINIC = 'Clínica del Valle';

const rig = {} as TestRig;
let server: RunningServer;
let browser: Browser;
let fake: FakeProvider;
let jobsDb: Database;
let databaseUrl = '';
let dropDatabase: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const database = await newPostgresDatabase('puente_e2e_texts');
  dropDatabase = database.drop;
  databaseUrl = database.url;
  fake = await fakeTwilio(SID, TOKEN);
  server = await startServer({
    DATABASE_URL: databaseUrl,
    TEXT_PROVIDER: 'twilio',
    TEXT_PROVIDER_URL: fake.url,
    TWILIO_ACCOUNT_SID: SID,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWO_FACTOR_KEY: SEALING_KEY.toString('base64'),
    JOBS_INTERVAL_SECONDS: '3600',
  });
  browser = await launchBrowser();
  rig.server = server;
  rig.browser = browser;
  jobsDb = await openPostgres(databaseUrl, 2);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await jobsDb?.close();
  await fake?.close();
  await dropDatabase?.();
});

/** The server's jobs pass at `now`, with the server's settings. */
function jobsAt(now: Date) {
  const config = testConfig({
    databaseUrl,
    publicUrl: server.url,
    twoFactorKey: SEALING_KEY,
    texts: { kind: 'twilio', baseUrl: fake.url, accountSid: SID, authToken: TOKEN, countryCode: '1' },
  });
  return runJobsOnce({ db: jobsDb, config, log: createLogger('warn'), mailer: undefined }, now);
}

/**
 * A text from the person's phone as Twilio posts it: form-encoded, signed with
 * X-Twilio-Signature = base64(HMAC-SHA1(auth token, URL + each field's name and value, sorted by name)),
 * computed here by Twilio's documented algorithm, apart from the server's code.
 */
async function textFrom(from: string, body: string): Promise<number> {
  const path = '/hooks/messages/twilio/inbound';
  const params: Record<string, string> = {
    AccountSid: SID,
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    From: from,
    To: PROGRAM_NUMBER,
    Body: body,
    NumMedia: '0',
    ApiVersion: '2010-04-01',
  };
  let data = `${server.url}${path}`;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  const signature = createHmac('sha1', TOKEN).update(Buffer.from(data, 'utf-8')).digest('base64');
  const reply = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
  return reply.status;
}

/** Today in the program's zone, as consent dates are written. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());

/** Rosa's person, registered from her other device, with consent to be served (and to be texted, if `texts`). */
async function person(who: { name: string; phone: string }, texts: boolean): Promise<string> {
  const rosa = await apiAs(server.url, demo.rosa);
  const { id } = await rosa<{ id: string }>('POST', '/api/clients', {
    givenName: who.name,
    preferredLanguage: 'es',
    phone: who.phone,
  });
  for (const kind of texts ? ['service', 'text'] : ['service'])
    await rosa('POST', `/api/clients/${id}/consents`, { kind, method: 'verbal', givenOn: today() });
  return id;
}

/** `days` from now at `hour`:00 in the program's zone (two days ahead: its day-before reminder is always ahead). */
function plannedTime(days = 2, hour = 10): { at: Date; day: string; time: string } {
  const now = wallClock(new Date(), ZONE);
  const at = zonedMoment(now.y, now.mo, now.d + days, hour * 60, ZONE);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(at);
  return { at, day, time: `${String(hour).padStart(2, '0')}:00` };
}

/** A label that names the program's zone, found by its words before the zone's name (the browser names the zone). */
const zoned = (key: 'plan.timeIn' | 'plan.visitTime') =>
  new RegExp(
    `^${(es(key, { zone: '\u0000' }).split('\u0000')[0] ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
  );

/** Rosa books the appointment on the person's care plan, in the browser, on the program's clock. */
async function book(page: Page, clientId: string, when: { day: string; time: string }): Promise<void> {
  await page.goto(`/people/${clientId}/plan`);
  await page.getByRole('button', { name: es('plan.addAppointment') }).click();
  await page.getByLabel(es('plan.place')).fill(CLINIC);
  await page.getByLabel(es('plan.day'), { exact: true }).fill(when.day);
  await page.getByLabel(zoned('plan.timeIn')).fill(when.time);
  await page.getByRole('button', { name: es('plan.saveAppointment') }).click();
  await page.getByText(es('plan.appointmentSaved')).waitFor();
}

const appointment = (page: Page) =>
  page
    .getByRole('region', { name: es('plan.appointments') })
    .locator('li.row')
    .filter({ hasText: CLINIC });

describe('text reminders, in Spanish', () => {
  it('Rosa books, the reminder goes at the set time, the “sí” shows on the appointment; without consent nothing goes and the plan says why', async () => {
    const program = await apiAs(server.url, demo.admin);
    await program('PUT', '/api/messages/settings', {
      sender: '(555) 200-1111',
      reminders: [{ daysBefore: 1, at: '18:00' }, { hoursBefore: 2 }],
      quietStart: '21:00',
      quietEnd: '08:00',
    });
    const lupita = await person(LUPITA, true);
    const beto = await person(BETO, false);
    const when = plannedTime();
    const { at } = when;
    const setTime = reminderDue(at, { daysBefore: 1, at: '18:00' }, ZONE);

    const { phone, page } = await fieldPhone(rig, demo.rosa);
    await book(page, lupita, when);
    await appointment(page).getByText(es('sms.reminderWill')).waitFor();
    await book(page, beto, when);
    // Beto never agreed to texts: Rosa reads it as she books, so she knows to call him.
    await appointment(page)
      .getByText(`${es('sms.reminderWillNot')} ${es('sms.why_noTextConsent')}`)
      .waitFor();

    // A minute before the set time, nothing goes.
    expect(await jobsAt(new Date(setTime.getTime() - 60_000))).toMatchObject({ reminders: 0, texts: 0 });
    expect(fake.messages).toEqual([]);
    // At the set time, Lupita's reminder goes, once, in Spanish, from the program's number; Beto gets nothing.
    expect(await jobsAt(setTime)).toMatchObject({ reminders: 1, texts: 1 });
    expect(await jobsAt(new Date(setTime.getTime() + 60_000))).toMatchObject({ reminders: 0, texts: 0 });
    expect(fake.messages.map((m) => [m.to, m.from])).toEqual([[LUPITA.e164, PROGRAM_NUMBER]]);
    expect(fake.messages[0]?.body).toContain(`Hola ${LUPITA.name}, le recordamos su cita`);
    expect(fake.messages[0]?.body).not.toContain(CLINIC);

    // Beto's appointment says that no reminder went, and why.
    await page.reload();
    await appointment(page)
      .getByText(`${es('sms.reminderRefused')} ${es('sms.why_noTextConsent')}`)
      .waitFor();
    await screenshot(page, 'text-reminders-no-consent');
    await expectAccessible(page, 'text-reminders-no-consent');

    // Lupita answers "sí": it lands on her appointment, on Rosa's phone, without a reload.
    await page.goto(`/people/${lupita}/plan`);
    await appointment(page).getByText(es('sms.status_sent'), { exact: false }).waitFor();
    expect(await textFrom(LUPITA.e164, 'sí')).toBe(200);
    await appointment(page).getByText(es('sms.reply_confirmed'), { exact: true }).waitFor();
    // Rosa hears of the text at once, wherever she is in the app, and finds it on Today.
    const notice = page
      .getByRole('status')
      .getByRole('link', { name: es('news.message', { name: LUPITA.name }) });
    await notice.waitFor();
    // The program thanks her, in Spanish, at once (a reply to her own text is not held).
    await jobsAt(new Date());
    expect(fake.messages.at(-1)).toMatchObject({ to: LUPITA.e164 });
    expect(fake.messages.at(-1)?.body).toContain('gracias, su cita está confirmada');
    await screenshot(page, 'text-reminders-confirmed');
    await expectAccessible(page, 'text-reminders-confirmed');

    await openFromMenu(page, es('nav.today'));
    const texts = page.getByRole('region', { name: es('today.texts') });
    await texts.getByRole('link', { name: LUPITA.name }).waitFor();
    await screenshot(page, 'text-reminders-today');
    await expectAccessible(page, 'text-reminders-today');
    // Opening her thread reads the text; Today then has nothing new.
    await texts.getByRole('link', { name: LUPITA.name }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: es('sms.from_in') })
      .getByText('sí', { exact: true })
      .waitFor();
    await openFromMenu(page, es('nav.today'));
    await texts.getByText(es('today.noTexts')).waitFor();

    // Rosa agrees a follow-up visit with Lupita at 11:00 three days ahead, on the program's clock.
    const visit = plannedTime(3, 11);
    await page.goto(`/people/${lupita}/follow-ups`);
    await page.getByRole('button', { name: es('plan.addTask') }).click();
    await page.getByLabel(es('plan.taskTitle')).fill('Visita de seguimiento');
    await page.getByLabel(es('plan.taskDue')).fill(visit.day);
    await page.getByLabel(zoned('plan.visitTime')).fill(visit.time);
    await page.getByRole('button', { name: es('plan.saveTask') }).click();
    await page.getByText(es('plan.taskSaved')).waitFor();
    const followUp = page
      .getByRole('region', { name: es('plan.tasks') })
      .locator('li.row')
      .filter({ hasText: 'Visita de seguimiento' });
    // Once the server has it (the phone sends it), the visit says a reminder will go.
    await followUp.getByText(es('sms.reminderWill')).waitFor();
    await screenshot(page, 'text-reminders-visit');
    await expectAccessible(page, 'text-reminders-visit');
    const visitTime = reminderDue(visit.at, { daysBefore: 1, at: '18:00' }, ZONE);
    expect(await jobsAt(new Date(visitTime.getTime() - 60_000))).toMatchObject({ reminders: 0 });
    expect(await jobsAt(visitTime)).toMatchObject({ reminders: 1, texts: 1 });
    const visitText = fake.messages.at(-1);
    expect(visitText?.to).toBe(LUPITA.e164);
    expect(visitText?.body).toContain('su promotora se comunicará con usted');
    // Never the task's words.
    expect(visitText?.body).not.toContain('seguimiento');
    await phone.close();
  });

  it('the admin sets the reminder times on her screen; a supervisor reads a stranger’s text in the program inbox', async () => {
    const admin = await newPhone(browser, server.url);
    const page = await admin.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await openFromMenu(page, t('en', 'smsAdmin.nav'));
    await expectHeading(page, t('en', 'smsAdmin.title'));
    await page.getByRole('heading', { name: t('en', 'smsAdmin.backlogTitle') }).waitFor();
    const settings = page.getByRole('form', { name: t('en', 'smsAdmin.settingsTitle') });
    await expect
      .poll(() => settings.getByLabel(t('en', 'smsAdmin.sender')).inputValue())
      .toBe(PROGRAM_NUMBER);
    // Two days before at 9:00 instead of the day before at 18:00; no reminder two hours before.
    const first = settings.getByRole('group', { name: t('en', 'smsAdmin.slot', { n: 1 }) });
    await first.getByLabel(t('en', 'smsAdmin.daysBefore')).fill('2');
    await first.getByLabel(t('en', 'smsAdmin.at')).fill('09:00');
    await settings.getByRole('button', { name: t('en', 'smsAdmin.removeSlot', { n: 2 }) }).click();
    await settings.getByRole('button', { name: t('en', 'smsAdmin.saveSettings') }).click();
    await settings.getByText(t('en', 'smsAdmin.settingsSaved')).waitFor();
    const program = await apiAs(server.url, demo.admin);
    expect(await program<{ reminders: unknown }>('GET', '/api/messages/settings')).toMatchObject({
      sender: PROGRAM_NUMBER,
      reminders: [{ daysBefore: 2, at: '09:00' }],
    });
    await screenshot(page, 'text-settings');
    await expectAccessible(page, 'text-settings');
    await admin.close();

    expect(await textFrom('+15559998888', '¿Quién es? Me dieron este número en la feria')).toBe(200);
    const supervisor = await newPhone(browser, server.url);
    const daniel = await supervisor.newPage();
    await daniel.goto('/');
    await signIn(daniel, demo.supervisor);
    await openFromMenu(daniel, t('en', 'smsAdmin.inboxNav'));
    await expectHeading(daniel, t('en', 'smsAdmin.inboxTitle'));
    const text = daniel
      .getByRole('listitem')
      .filter({ hasText: t('en', 'smsAdmin.inboxFrom', { number: '+15559998888' }) });
    await text.getByText('Me dieron este número en la feria', { exact: false }).waitFor();
    await text
      .getByRole('link', { name: t('en', 'smsAdmin.inboxCall', { number: '+15559998888' }) })
      .waitFor();
    await screenshot(daniel, 'text-inbox');
    await expectAccessible(daniel, 'text-inbox');
    // It was Lupita, from her sister's phone: Daniel finds her and puts the text in her thread.
    await text
      .getByRole('button', { name: t('en', 'smsAdmin.inboxPlaceNamed', { number: '+15559998888' }) })
      .click();
    await text.getByLabel(t('en', 'smsAdmin.inboxSearch')).fill(LUPITA.name);
    await text.getByRole('button', { name: t('en', 'smsAdmin.inboxSearchButton') }).click();
    await expectAccessible(daniel, 'text-inbox-place');
    await text
      .getByRole('button', {
        name: t('en', 'smsAdmin.inboxAttachNamed', { name: LUPITA.name, number: '+15559998888' }),
      })
      .click();
    await daniel.getByText(t('en', 'smsAdmin.inboxAttached', { name: LUPITA.name })).waitFor();
    await daniel.getByText(t('en', 'smsAdmin.inboxNone')).waitFor();
    await supervisor.close();
  });
});
