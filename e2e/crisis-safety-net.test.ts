import { cssrs, phq9, type QuestionnaireItem, textIn } from '@puente/core';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  en,
  es,
  expectHeading,
  fieldPhone,
  openFromMenu,
  screenshot,
  signIn,
  syncStatus,
} from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

// Issue 14: a crisis safety net with no holes, from a program that has set nothing yet
// to Daniel's acknowledgement, Rosa's follow-up and the risk flag; with signal, then without.
const rig = useServerAndBrowser();
const LINE = { label: 'Línea 988 en español', phone: '988' };
const ON_CALL_PHONE = '+1 555 0100';
/** Rosa's phone in the demo, as the supervisor dials it. */
const ROSA_TEL = 'tel:+15550101';
const DAY_MS = 86_400_000;

beforeAll(async () => {
  // A fresh install has no crisis line, no emergency number and nobody on call. The demo
  // ships them set, so its admin clears them first, through the same API the screen uses.
  const admin = await apiAs(rig.server.url, demo.admin);
  const cleared = await admin<{ crisisLines: unknown[]; emergencyNumber?: string }>(
    'PUT',
    '/api/program/crisis-response',
    { crisisLines: [], onCall: [], rescreenDays: 28, rescreenFromTotal: 10 },
  );
  expect(cleared.crisisLines).toEqual([]);
  expect(cleared.emergencyNumber).toBeUndefined();
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

/** Rosa registers a person from Today and lands on their page; returns the page's path. */
async function register(page: Page, name: string): Promise<string> {
  await openFromMenu(page, es('nav.today'));
  await page.getByRole('link', { name: es('today.register') }).click();
  await page.getByLabel(es('people.givenName'), { exact: true }).fill(name);
  await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
  await page.getByText(es('people.registered', { name })).waitFor();
  await page.getByRole('link', { name: es('people.later') }).click();
  await expectHeading(page, name);
  return new URL(page.url()).pathname;
}

const sections = (page: Page) => page.getByRole('navigation', { name: es('person.sections') });
const phqTitle = textIn(phq9.title, phq9._title, 'es');

/** From the person's page: PHQ-9 with item 9 "several days", then the C-SSRS to high risk; ends on the protocol. */
async function screenToCrisis(page: Page) {
  await sections(page)
    .getByRole('link', { name: es('screening.tab') })
    .click();
  await page.getByRole('link', { name: phqTitle }).click();
  await expectHeading(page, phqTitle);
  const never = labelOf(byId(phq9, 'phq9-1'), 'LA6568-5');
  for (let i = 1; i <= 8; i++) await answer(page, byId(phq9, `phq9-${i}`), never);
  await answer(page, byId(phq9, 'phq9-9'), labelOf(byId(phq9, 'phq9-9'), 'LA6569-3'));
  await page.getByRole('button', { name: es('screening.finish') }).click();
  await expectHeading(page, textIn(cssrs.title, cssrs._title, 'es'));
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

/** The protocol shows the program's line, the emergency number and Daniel on call, each one tap away. */
async function expectProtocolNumbers(page: Page) {
  const line = page.getByRole('link', { name: new RegExp(es('crisis.call', { label: LINE.label })) });
  expect(await line.getAttribute('href')).toBe('tel:988');
  const emergency = page.getByRole('link', { name: es('crisis.emergencyCall', { number: '911' }) });
  expect(await emergency.getAttribute('href')).toBe('tel:911');
  const supervisor = page.getByRole('link', {
    name: new RegExp(es('crisis.callSupervisor', { name: 'Daniel Ortiz' })),
  });
  expect(await supervisor.getAttribute('href')).toBe('tel:+15550100');
  expect(await page.getByText(es('crisis.noLines')).count()).toBe(0);
  expect(await page.getByText(es('crisis.emergencyNotSet')).count()).toBe(0);
}

/**
 * Daniel's Today: the open-alerts block comes before everything else on the
 * screen, with the severity, the finding, the person's CHW one tap away.
 */
async function danielSeesAlertFirst(page: Page, shot?: string) {
  const block = page
    .getByRole('alert')
    .filter({ has: page.getByRole('heading', { name: en('alerts.todayTitle') }) });
  await expect
    .poll(
      async () => {
        await openFromMenu(page, en('alerts.nav')).catch(() => undefined);
        await openFromMenu(page, en('nav.today'));
        await expectHeading(page, en('today.title'));
        return block.isVisible();
      },
      { timeout: 60_000, interval: 1_000 },
    )
    .toBe(true);
  await block.getByText(en('alerts.severity_high'), { exact: true }).waitFor();
  await block.getByText(en('alerts.finding_cssrs_high')).waitFor();
  const call = block.getByRole('link', { name: new RegExp(en('alerts.callChw', { name: 'Rosa Martínez' })) });
  expect(await call.getAttribute('href')).toBe(ROSA_TEL);
  // First: right under the heading, before the greeting, the register button and the task lists.
  const first = await page.evaluate(() => {
    const heading = document.getElementById('page-heading');
    const alerts = document.getElementById('today-alerts')?.closest('section');
    const greeting = document.querySelector('p.lead');
    if (!heading || !alerts || !greeting) return false;
    const before = (a: Node, b: Node) =>
      Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
    const lists = [...document.querySelectorAll('section.day-section')].filter((s) => s !== alerts);
    return before(heading, alerts) && before(alerts, greeting) && lists.every((s) => before(alerts, s));
  });
  expect(first, 'the alert block comes first on Today').toBe(true);
  if (shot) await screenshot(page, shot);
  return block;
}

/** Daniel opens the alert from Today and acknowledges it with what he did. */
async function danielAcknowledges(page: Page, block: Awaited<ReturnType<typeof danielSeesAlertFirst>>) {
  await block
    .getByRole('link', { name: en('alerts.openAlert') })
    .first()
    .click();
  await page.getByRole('heading', { name: en('alerts.timeline') }).waitFor();
  await page.getByRole('button', { name: en('alerts.acknowledge') }).click();
  await page.getByText(en('alerts.actionRequired')).waitFor();
  const action = 'Llamé a Rosa; la persona aceptó una cita de crisis hoy mismo.';
  await page.getByLabel(en('alerts.actionLabel')).fill(action);
  await page.getByRole('button', { name: en('alerts.acknowledge') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: en('alerts.acknowledgedDone') })
    .waitFor();
  return action;
}

/** Rosa's side once Daniel acknowledged: who did, the follow-up due within a day, the risk flag everywhere. */
async function rosaSeesTheRest(page: Page, personPath: string, name: string, action: string) {
  // The protocol screen reads the alert again every 15 s.
  const acked = new RegExp(
    `${es('crisis.alertAcked', { name: 'Daniel Ortiz', when: '§', action }).split('§')[0]}`,
  );
  await page.getByText(acked).first().waitFor({ timeout: 30_000 });
  expect(await page.getByText(action, { exact: false }).count()).toBeGreaterThan(0);

  // The person's page: the risk flag on top, and the follow-up among their tasks.
  await page.goto(personPath);
  await expectHeading(page, name);
  await page.getByRole('region', { name: es('followUp.riskFlag') }).waitFor();
  await sections(page)
    .getByRole('link', { name: es('person.followUps') })
    .click();
  const task = es('followUp.task_risk-follow-up-high');
  await page.getByText(task).waitFor();

  // Due within 24 hours, as the server holds it.
  const due = await page.evaluate(async (id) => {
    const reply = (await (await fetch(`/api/clients/${id}`)).json()) as {
      openTasks: { code: string | null; dueAt: string | null; dueOn: string }[];
    };
    return reply.openTasks.map((t) => ({ code: t.code, dueAt: t.dueAt }));
  }, personPath.split('/')[2]);
  const followUp = due.find((d) => d.code === 'risk-follow-up-high');
  expect(typeof followUp?.dueAt, JSON.stringify(due)).toBe('string');
  const left = Date.parse(followUp?.dueAt ?? '') - Date.now();
  expect(left).toBeGreaterThan(0);
  expect(left).toBeLessThanOrEqual(DAY_MS);

  // The caseload list flags the person too.
  await openFromMenu(page, es('nav.people'));
  const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
  await row.getByText(es('followUp.riskFlag')).waitFor();

  // And Today lists the follow-up with its hour.
  await openFromMenu(page, es('nav.today'));
  const todayRow = page.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
  await todayRow.getByText(task).waitFor();
  await todayRow.getByText(new RegExp(es('followUp.dueBy', { when: '§' }).split('§')[0] ?? '')).waitFor();
}

describe('the crisis safety net, in Spanish, from a fresh install', () => {
  let daniel: BrowserContext;
  let dPage: Page;

  it('checklist first, screening closed until it is done, protocol with the numbers, Daniel acknowledges, follow-up and flag', async () => {
    // The admin, on first sign-in: the checklist says what is missing.
    const adminPhone = await newPhone(rig.browser, rig.server.url);
    const admin = await adminPhone.newPage();
    await admin.goto('/');
    await signIn(admin, demo.admin);
    const checklist = admin.getByRole('region', { name: en('crisis.checklistTitle') });
    await checklist.waitFor();
    await checklist.getByText(`${en('crisis.checkLines')}: ${en('crisis.checkMissing')}`).waitFor();
    await checklist.getByText(`${en('crisis.checkEmergency')}: ${en('crisis.checkMissing')}`).waitFor();
    await screenshot(admin, 'crisis-checklist-missing');

    // Rosa: screening is closed, and she is told why and whom to tell, in plain words.
    const { phone: rosaPhone, page } = await fieldPhone(rig, demo.rosa);
    const personPath = await register(page, 'Esperanza');
    await sections(page)
      .getByRole('link', { name: es('screening.tab') })
      .click();
    await page.getByText(es('crisis.closedTitle')).waitFor();
    await page
      .getByText(
        es('crisis.closedMissing', {
          items: [es('crisis.missing_lines'), es('crisis.missing_emergencyNumber')].join(', '),
        }),
      )
      .waitFor();
    await page.getByText(es('crisis.closedTell', { names: 'Alex Admin' })).waitFor();
    expect(await page.getByRole('link', { name: phqTitle }).count()).toBe(0);
    // Typing the form's address does not get round it.
    await page.goto(`${personPath}/screen/phq-9`);
    await page.getByText(es('crisis.closedTitle')).waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);

    // The admin sets the line, 911 and Daniel on call, in the app.
    await openFromMenu(admin, en('crisis.navAdmin'));
    await expectHeading(admin, en('crisis.navAdmin'));
    await admin.getByLabel(en('crisis.emergencyLabel')).fill('911');
    await admin.getByRole('button', { name: en('crisis.addLine') }).click();
    await admin.locator('#line-0-label').fill(LINE.label);
    await admin.locator('#line-0-phone').fill(LINE.phone);
    await admin.locator('#line-0-hours').fill('24/7');
    await admin.locator('#line-0-language').fill('es');
    await admin.getByRole('button', { name: en('crisis.addRota') }).click();
    await admin.locator('#rota-0-user').selectOption({ label: 'Daniel Ortiz' });
    await admin.locator('#rota-0-phone').fill(ON_CALL_PHONE);
    await admin.getByRole('button', { name: en('crisis.save') }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: en('crisis.saved') })
      .waitFor();
    const ready = admin.getByRole('region', { name: en('crisis.checklistTitle') });
    await ready.getByText(en('crisis.checklistReady')).waitFor();
    for (const item of ['checkLines', 'checkEmergency', 'checkOnCall'] as const)
      await ready.getByText(`${en(`crisis.${item}`)}: ${en('crisis.checkDone')}`).waitFor();
    await screenshot(admin, 'crisis-settings-done');
    await adminPhone.close();

    // Rosa, with signal: screening is open now; the screen ends on the protocol with the numbers.
    await page.goto(personPath);
    await expectHeading(page, 'Esperanza');
    await screenToCrisis(page);
    await expectProtocolNumbers(page);
    await page.getByText(new RegExp(es('crisis.alertSent', { names: '§' }).split('§')[0] ?? '')).waitFor();
    await screenshot(page, 'crisis-protocol');

    // Daniel: the alert first on Today, with the severity and Rosa one tap away; he acknowledges.
    daniel = await newPhone(rig.browser, rig.server.url);
    dPage = await daniel.newPage();
    await dPage.goto('/');
    await signIn(dPage, demo.supervisor);
    const block = await danielSeesAlertFirst(dPage, 'supervisor-today-alert');
    const action = await danielAcknowledges(dPage, block);

    await rosaSeesTheRest(page, personPath, 'Esperanza', action);
    await rosaPhone.close();
  }, 240_000);

  it('the same with Rosa’s phone offline until her part ends: the lines travel with the phone, the alert follows the signal', async () => {
    const { phone, page } = await fieldPhone(rig, demo.rosa);
    // The settings the admin just saved are on the phone before the signal goes.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const kept = localStorage.getItem('puente.reference') ?? '';
          return kept.includes('"emergencyNumber":"911"') && kept.includes('988');
        }),
      )
      .toBe(true);

    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    const personPath = await register(page, 'Tomás');
    await screenToCrisis(page);
    await expectProtocolNumbers(page);
    await page.getByText(es('crisis.alertQueued')).waitFor();
    await screenshot(page, 'crisis-protocol-offline');

    // Nothing has reached Daniel while Rosa has no signal.
    const asDaniel = await apiAs(rig.server.url, demo.supervisor);
    const before = await asDaniel<{ alerts: { client?: { name?: string } }[] }>(
      'GET',
      '/api/alerts?status=open',
    );
    expect(before.alerts).toEqual([]);

    // Signal again: the phone syncs and the alert goes out.
    await phone.setOffline(false);
    await page.getByText(new RegExp(es('crisis.alertSent', { names: '§' }).split('§')[0] ?? '')).waitFor({
      timeout: 30_000,
    });
    await syncStatus(page).getByText(es('sync.synced')).waitFor({ timeout: 30_000 });

    const block = await danielSeesAlertFirst(dPage, 'supervisor-today-alert-after-sync');
    const action = await danielAcknowledges(dPage, block);
    await rosaSeesTheRest(page, personPath, 'Tomás', action);
    await phone.close();
    await daniel.close();
  }, 240_000);
});
