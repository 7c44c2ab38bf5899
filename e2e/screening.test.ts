import { cssrs, phq9, type QuestionnaireItem, textIn } from '@puente/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en, es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, demoPassword, launchBrowser, newPhone, type RunningServer, startServer } from './harness.js';

// Rosa's kitchen visit and Daniel's alert (JOURNEYS.md), online and then with no signal.
let server: RunningServer;
let browser: Browser;
const CRISIS_LINE = { label: 'Línea 988', phone: '988', sms: '741741', smsBody: 'HOLA', language: 'es' };
const ON_CALL_PHONE = '+1 555 010 0199';

async function apiAs(email: string) {
  const res = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const reply = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(reply.ok, `${method} ${path}: ${reply.status}`).toBe(true);
    return (await reply.json()) as T;
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiAs(demo.admin);
  const { users } = await admin<{ users: { id: string; email: string }[] }>('GET', '/api/users');
  const daniel = users.find((u) => u.email === demo.supervisor);
  await admin('PUT', '/api/program/crisis-response', {
    crisisLines: [CRISIS_LINE],
    // Without an emergency number screening stays closed to CHWs.
    emergencyNumber: '911',
    onCall: [{ userId: daniel?.id, phone: ON_CALL_PHONE }],
    rescreenDays: 28,
    rescreenFromTotal: 10,
  });
  // Two people Rosa has just met: one for the visit with signal, one for the kitchen without.
  const rosa = await apiAs(demo.rosa);
  for (const givenName of ['Ernesto', 'Julián']) {
    await rosa('POST', '/api/clients', { givenName, preferredLanguage: 'es' });
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Picks an answer by its Spanish label, inside the question named by its Spanish text. */
async function answer(page: Page, item: QuestionnaireItem | undefined, label: string) {
  if (!item) throw new Error('no such question');
  const group = page.getByRole('group', { name: textIn(item.text, item._text, 'es'), exact: true });
  await group.getByRole('radio', { name: label, exact: true }).check();
}

const labelOf = (item: QuestionnaireItem | undefined, code: string) => {
  const option = item?.answerOption?.find((o) => o.valueCoding.code === code);
  return textIn(option?.valueCoding.display, option?.valueCoding._display, 'es');
};
const byId = (q: { item: QuestionnaireItem[] }, linkId: string) => q.item.find((i) => i.linkId === linkId);

/** PHQ-9 with item 9 "several days", then the C-SSRS with a high-risk answer; ends on the protocol. */
async function screenToCrisis(page: Page, name: string, check: boolean) {
  // The phone's copy fills in the background after sign-in: come back to the list until the person is there.
  const person = page.getByRole('link', { name, exact: true });
  await expect
    .poll(
      async () => {
        await openFromMenu(page, es('nav.today'));
        await openFromMenu(page, es('nav.people'));
        return person.isVisible();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
  await person.click();
  await expectHeading(page, name);
  await page
    .getByRole('navigation', { name: es('person.sections') })
    .getByRole('link', { name: es('screening.tab') })
    .click();
  await page.getByRole('link', { name: textIn(phq9.title, phq9._title, 'es') }).click();
  await expectHeading(page, textIn(phq9.title, phq9._title, 'es'));
  if (check) {
    await screenshot(page, 'screening-phq9');
    await expectAccessible(page, 'screening-phq9');
  }
  const never = labelOf(byId(phq9, 'phq9-1'), 'LA6568-5');
  for (let i = 1; i <= 8; i++) await answer(page, byId(phq9, `phq9-${i}`), never);
  const severalDays = labelOf(byId(phq9, 'phq9-9'), 'LA6569-3');
  expect(severalDays).toBe('Varios días');
  await answer(page, byId(phq9, 'phq9-9'), severalDays);
  await page.getByRole('button', { name: es('screening.finish') }).click();

  // Item 9 above 0: straight into the C-SSRS, whatever the total (here 1).
  await expectHeading(page, textIn(cssrs.title, cssrs._title, 'es'));
  await page.getByText(es('screening.stepCssrsNow')).waitFor();
  if (check) await expectAccessible(page, 'screening-cssrs');
  for (const [linkId, yes] of [
    ['cssrs-1', true],
    ['cssrs-2', true],
    ['cssrs-3', true],
    ['cssrs-4', true],
    ['cssrs-5', false],
    ['cssrs-6', false],
  ] as const) {
    await answer(page, byId(cssrs, linkId), yes ? 'Sí' : 'No');
  }
  await page.getByRole('button', { name: es('screening.finish') }).click();
  await expectHeading(page, es('crisis.title'));
}

async function expectProtocol(page: Page) {
  // The heading has focus, so a screen reader starts there.
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-heading');
  const call = page.getByRole('link', { name: new RegExp(es('crisis.call', { label: CRISIS_LINE.label })) });
  expect(await call.getAttribute('href')).toBe('tel:988');
  const text = page.getByRole('link', { name: new RegExp(es('crisis.text', { label: CRISIS_LINE.label })) });
  expect(await text.getAttribute('href')).toBe('sms:741741?body=HOLA');
  const supervisor = page.getByRole('link', {
    name: new RegExp(es('crisis.callSupervisor', { name: 'Daniel Ortiz' })),
  });
  expect(await supervisor.getAttribute('href')).toBe('tel:+15550100199');
}

/** Daniel, on his own phone: the badge, the alert, and acknowledging it with what he did. */
async function danielAcknowledges(phone: BrowserContext, person: string) {
  const page = phone.pages()[0] ?? (await phone.newPage());
  const badge = page
    .getByRole('navigation', { name: en('nav.label') })
    .getByRole('link', { name: en('alerts.navCount', { count: 1 }) });
  // The badge counts again every half minute; moving between screens does not wait for it.
  await expect
    .poll(
      async () => {
        await openFromMenu(page, en('nav.people')).catch(() => undefined);
        return badge.isVisible();
      },
      { timeout: 45_000, interval: 1_000 },
    )
    .toBe(true);
  await badge.click();
  await expectHeading(page, en('alerts.title'));
  const open = page.getByRole('region', { name: en('alerts.open') });
  await open.getByText(en('alerts.person', { name: person })).waitFor();
  await open.getByRole('link').first().click();
  await page.getByText(en('alerts.person', { name: person })).waitFor();
  await page.getByRole('heading', { name: en('alerts.timeline') }).waitFor();
  await page.getByRole('button', { name: en('alerts.acknowledge') }).click();
  await page.getByText(en('alerts.actionRequired')).waitFor();
  const action = 'Called Rosa; the person agreed to a same-day crisis appointment.';
  await page.getByLabel(en('alerts.actionLabel')).fill(action);
  return { page, action };
}

describe('screening and crisis response, in the browser', () => {
  let daniel: BrowserContext;

  it('Rosa (Spanish): PHQ-9 item 9 leads to the C-SSRS, high risk opens the protocol; Daniel acknowledges', async () => {
    const phone = await newPhone(browser, server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await screenToCrisis(page, 'Ernesto', true);
    await expectProtocol(page);
    await page.getByText(new RegExp(es('crisis.alertSent', { names: '§' }).split('§')[0] ?? '')).waitFor();
    await screenshot(page, 'crisis-protocol');
    await expectAccessible(page, 'crisis-protocol');

    daniel = await newPhone(browser, server.url);
    const dPage = await daniel.newPage();
    await dPage.goto('/');
    await signIn(dPage, demo.supervisor);
    const { page: alertPage, action } = await danielAcknowledges(daniel, 'Ernesto');
    await expectAccessible(alertPage, 'alert-page');
    await alertPage.getByRole('button', { name: en('alerts.acknowledge') }).click();
    await alertPage
      .getByRole('status')
      .filter({ hasText: en('alerts.acknowledgedDone') })
      .waitFor();
    await alertPage.getByText(en('alerts.actionTaken', { action })).waitFor();
    await alertPage.getByRole('link', { name: en('alerts.backToList') }).click();
    await expectHeading(alertPage, en('alerts.title'));
    await alertPage.getByText(en('alerts.noneOpen')).first().waitFor();
    await expectAccessible(alertPage, 'alerts-list');
    await phone.close();
  }, 120_000);

  it('with no signal the protocol still opens, and the alert reaches Daniel after reconnecting', async () => {
    const phone = await newPhone(browser, server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    // Loaded and cached with signal: the service worker, the crisis lines, the questions.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect
      .poll(() => page.evaluate(() => Boolean(localStorage.getItem('puente.reference')?.includes('988'))))
      .toBe(true);

    await phone.setOffline(true);
    await screenToCrisis(page, 'Julián', false);
    await expectProtocol(page);
    await page.getByText(es('crisis.alertQueued')).waitFor();
    await screenshot(page, 'crisis-protocol-offline');

    await phone.setOffline(false);
    await page
      .getByText(new RegExp(es('crisis.alertSent', { names: '§' }).split('§')[0] ?? ''))
      .waitFor({ timeout: 30_000 });
    const { page: alertPage } = await danielAcknowledges(daniel, 'Julián');
    await alertPage.getByRole('button', { name: en('alerts.acknowledge') }).click();
    await alertPage
      .getByRole('status')
      .filter({ hasText: en('alerts.acknowledgedDone') })
      .waitFor();
    await phone.close();
    await daniel.close();
  }, 150_000);
});
