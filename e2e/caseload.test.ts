import { type Client, TODAY_PAGE, type Today, t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

// Rosa works in Spanish: every label she sees comes from the Spanish catalog.
async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor();
}

async function openTab(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: es('person.sections') })
    .getByRole('link', { name: label, exact: true })
    .click();
}

/** Registers through the form; `details` fills the optional fields behind "more details". */
async function register(page: Page, name: string, details: { family?: string; phone?: string } = {}) {
  await page.goto('/people/new');
  await expectHeading(page, es('people.registerTitle'));
  await page.getByLabel(es('people.givenName'), { exact: true }).fill(name);
  if (details.family || details.phone) {
    await page.getByRole('button', { name: es('people.moreDetails') }).click();
    if (details.family) await page.getByLabel(es('people.familyName'), { exact: true }).fill(details.family);
    if (details.phone) await page.getByLabel(es('people.phone'), { exact: true }).fill(details.phone);
  }
  await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
}

describe('the caseload, in the browser', () => {
  const person = 'Ernesto';
  const task = 'Llamar para confirmar la cita';
  // The journey goes on across the tests below: the supervisor and the admin look at the person Rosa registered.
  let personPath = '';

  it('a promotora working in Spanish registers a person, records consent, a visit, a plan and a follow-up', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await expectHeading(page, es('today.title'));
    await page.getByText(es('today.emptyTitle')).waitFor();

    // Only a first name and a language; Spanish is already chosen because it is Rosa's language.
    await page.getByRole('link', { name: es('today.register') }).click();
    await expectHeading(page, es('people.registerTitle'));
    expect(await page.getByLabel(es('people.preferredLanguage')).inputValue()).toBe('es');
    await page.getByLabel(es('people.givenName'), { exact: true }).fill(person);
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await expectStatus(page, es('people.registered', { name: person }));

    // Consent right away: verbal, to be served.
    await page.getByRole('link', { name: es('people.recordConsent') }).click();
    await expectHeading(page, person);
    personPath = new URL(page.url()).pathname.replace(/\/consent$/, '');
    await check(page, 'caseload-consent-form');
    expect(await page.getByLabel(es('person.consentMethod')).inputValue()).toBe('verbal');
    await page.getByRole('button', { name: es('person.recordConsent') }).click();
    await expectStatus(page, es('person.consentSaved'));
    await page.getByText(es('vocab.consentKind_service')).first().waitFor();

    await openTab(page, es('person.visits'));
    await page.getByRole('button', { name: es('person.recordVisit') }).click();
    expect(await page.getByLabel(es('person.visitKind')).inputValue()).toBe('home-visit');
    await check(page, 'caseload-visit-form');
    await page.getByLabel(es('vocab.activity_listening-support')).check();
    await page.getByLabel(es('person.note'), { exact: true }).fill('Habló de su trabajo y de dormir mal.');
    await page.getByRole('button', { name: es('person.saveVisit') }).click();
    await expectStatus(page, es('person.visitSaved'));
    await page.getByText('Habló de su trabajo y de dormir mal.').waitFor();
    await check(page, 'caseload-person');

    await openTab(page, es('person.plan'));
    await page.getByRole('button', { name: es('plan.addGoal') }).click();
    await page.getByLabel(es('plan.goalText')).fill('Tener comida toda la semana');
    await page.getByLabel(es('plan.needArea')).selectOption('food-insecurity');
    await page.getByRole('button', { name: es('plan.saveGoal') }).click();
    await expectStatus(page, es('plan.goalSaved'));
    await page
      .getByRole('button', { name: es('plan.addStepTo', { goal: 'Tener comida toda la semana' }) })
      .click();
    await page.getByLabel(es('plan.stepText'), { exact: true }).fill('Ir al banco de comida el sábado');
    await page.getByRole('button', { name: es('plan.saveStep') }).click();
    await expectStatus(page, es('plan.stepSaved'));
    await page.getByText('Ir al banco de comida el sábado').waitFor();
    await check(page, 'caseload-person-plan');

    // A follow-up due today, in the program's sense of "today".
    const { date } = (await (await page.request.get('/api/today')).json()) as { date: string };
    await openTab(page, es('person.followUps'));
    await page.getByRole('button', { name: es('plan.addTask') }).click();
    await page.getByLabel(es('plan.taskTitle')).fill(task);
    await page.getByLabel(es('plan.taskDue')).fill(date);
    await page.getByRole('button', { name: es('plan.saveTask') }).click();
    await expectStatus(page, es('plan.taskSaved'));
    // The visit also made a follow-up by rule; its title is shown in Rosa's words.
    await page.getByText(es('vocab.taskAfterVisit')).first().waitFor();

    await openFromMenu(page, es('nav.today'));
    await expectHeading(page, es('today.title'));
    const dueToday = page.getByRole('region', { name: new RegExp(`^${es('today.dueToday')}`) });
    await dueToday.getByText(task).waitFor();
    await dueToday.getByRole('link', { name: person }).waitFor();
    await check(page, 'caseload-today');

    await openFromMenu(page, es('nav.people'));
    await expectHeading(page, es('people.title'));
    await page.getByRole('link', { name: person }).waitFor();
    await page.getByLabel(es('people.search')).fill('ernes');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('ernes');
    await page.getByRole('link', { name: person }).waitFor();
    await check(page, 'caseload-people');
    await page.getByLabel(es('people.search')).fill('zzzz');
    await page.getByRole('heading', { name: es('people.noMatchTitle', { query: 'zzzz' }) }).waitFor();
    await phone.close();
  });

  it('warns about a re-registration with a changed spelling and the same phone, keeping what was typed', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await expectHeading(page, es('today.title'));

    await register(page, 'Guadalupe', { family: 'Ruiz', phone: '(213) 555-0142' });
    await expectStatus(page, es('people.registered', { name: 'Guadalupe Ruiz' }));

    await register(page, 'Guadalupe', { family: 'Ruis', phone: '213 555 0142' });
    await page.getByRole('heading', { name: es('people.duplicateTitle') }).waitFor();
    await page.getByRole('link', { name: es('people.openExisting', { name: 'Guadalupe Ruiz' }) }).waitFor();
    expect(await page.getByLabel(es('people.familyName'), { exact: true }).inputValue()).toBe('Ruis');
    expect(await page.getByLabel(es('people.phone'), { exact: true }).inputValue()).toBe('213 555 0142');
    await check(page, 'caseload-duplicate');

    await page.getByRole('button', { name: es('people.registerAnyway') }).click();
    await expectStatus(page, es('people.registered', { name: 'Guadalupe Ruis' }));
    await phone.close();
  });

  it('an admin opens the record only by breaking the glass, with a reason', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await openFromMenu(page, t('en', 'nav.program'));
    await expectHeading(page, t('en', 'team.programTitle'));
    await page.getByLabel(t('en', 'team.timeZone')).waitFor();
    await check(page, 'caseload-program');
    await page.getByLabel(t('en', 'team.recordId')).fill(personPath.split('/').pop() ?? '');
    await page.getByRole('button', { name: t('en', 'team.openRecord') }).click();
    await expectHeading(page, t('en', 'person.notFoundTitle'));
    await page.getByLabel(t('en', 'team.breakGlassReason')).fill('Too short');
    await page.getByRole('button', { name: t('en', 'team.breakGlassSubmit') }).click();
    await page.locator('#break-glass-reason-error').waitFor();
    expect(await page.getByLabel(t('en', 'team.breakGlassReason')).inputValue()).toBe('Too short');
    await page
      .getByLabel(t('en', 'team.breakGlassReason'))
      .fill('Rosa is on leave and the person called the office in crisis');
    await page.getByRole('button', { name: t('en', 'team.breakGlassSubmit') }).click();
    await expectHeading(page, person);
    const opened = t('en', 'person.accessUntil', { when: '' }).split('.')[0] ?? '';
    await page.getByText(opened).waitFor();
    await phone.close();
  });

  it('the supervisor sees the person on the Team screen, and the manager sees counts without names', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.supervisor);
    await expectHeading(page, t('en', 'today.title'));
    // Nothing of Daniel's own is due, so his Today points him to the Team screen.
    await page.getByRole('link', { name: t('en', 'today.goToTeam') }).click();
    await expectHeading(page, t('en', 'team.title'));
    const rosa = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Rosa Martínez' }) });
    await rosa.getByRole('button', { name: /Rosa Martínez’s people/ }).click();
    await rosa.getByRole('link', { name: person }).waitFor();
    const line = t('en', 'team.breakGlassLine', { user: 'Alex Admin', client: person, when: '', reason: '' });
    await page.getByText(line.split(' on ')[0] ?? line).waitFor();
    await check(page, 'caseload-team');
    await rosa.getByRole('link', { name: person }).click();
    await expectHeading(page, person);
    await page
      .getByRole('navigation', { name: t('en', 'person.sections') })
      .getByRole('link', { name: t('en', 'person.followUps') })
      .click();
    await page.getByText(task).waitFor();
    await phone.close();

    const manager = await newPhone(rig.browser, rig.server.url);
    const counts = await manager.newPage();
    await counts.goto('/');
    await signIn(counts, demo.manager);
    await openFromMenu(counts, es('nav.counts'));
    await expectHeading(counts, es('team.countsTitle'));
    // The counts by CHW (the first table; the teams' weeks against targets follow it).
    await counts.getByRole('table').first().waitFor();
    expect(await counts.getByText(person).count()).toBe(0);
    await check(counts, 'caseload-counts');
    await manager.close();
  });

  it('Today shows a long list a page at a time, saying how many are left', async () => {
    // Marcus (English) has a backlog: more follow-ups due today than one page shows.
    const marcus = await apiAs(rig.server.url, demo.marcus);
    const someone = await marcus<Client>('POST', '/api/clients', {
      givenName: 'Walter',
      preferredLanguage: 'en',
      notADuplicate: true,
    });
    const { date } = await marcus<Today>('GET', '/api/today');
    for (let i = 1; i <= TODAY_PAGE + 5; i++) {
      await marcus('POST', `/api/clients/${someone.id}/tasks`, { title: `Backlog call ${i}`, dueOn: date });
    }
    const due = (await marcus<Today>('GET', '/api/today')).dueToday.length;
    expect(due).toBeGreaterThan(TODAY_PAGE);

    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.marcus);
    await expectHeading(page, t('en', 'today.title'));
    const dueToday = page.getByRole('region', { name: new RegExp(`^${t('en', 'today.dueToday')}`) });
    await dueToday.getByText(String(due), { exact: true }).waitFor();
    const rows = dueToday.getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(TODAY_PAGE);
    const rest = due - TODAY_PAGE;
    const more = dueToday.getByRole('button', {
      name: t('en', 'today.showMoreNamed', {
        count: Math.min(rest, TODAY_PAGE),
        rest,
        list: t('en', 'today.dueToday'),
      }),
    });
    await more.click();
    await expect.poll(() => rows.count()).toBe(Math.min(due, 2 * TODAY_PAGE));
    await check(page, 'caseload-today-more');
    await phone.close();
  });
});
