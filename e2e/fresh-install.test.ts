import type { SetupStepId } from '@puente/core';
import { cssrsResponse, messyDirectory, messySheet, sheetPerson } from '@puente/server/testing';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  codeAt,
  en,
  es,
  expectAccessible,
  expectHeading,
  expectHtmlLang,
  expectNoSideScroll,
  invite,
  openFromMenu,
  readyForNoSignal,
  screenshot,
  syncStatus,
} from './flows.js';
import { newPhone, useServerAndBrowser } from './harness.js';
import { useMailbox } from './mailbox.js';
import { setPasswordFromLink, signInWith } from './password-flows.js';
import { usePostgresWhenAsked } from './postgres.js';
import {
  checkCaseloadSheet,
  checkDirectorySheet,
  expectMessySheetReport,
  importCheckedCaseload,
  importCheckedDirectory,
} from './sheet-flows.js';

// Issue 17 in one journey: from `puente start` on an empty database (no demo) to a CHW
// filtering the imported caseload on her phone without signal, in Spanish at 360 px.
const mailbox = useMailbox();
usePostgresWhenAsked(mailbox.env, 'puente_e2e_fresh');
const rig = useServerAndBrowser(mailbox.env, { demo: false });

const chw = {
  name: 'Ana Lucía Ríos',
  email: 'ana.rios@valle.example',
  role: 'chw',
  language: 'es',
  password: 'una contraseña larga y suya',
} as const;
const adminPassword = 'the admin chose this long one';
const DAY_MS = 86_400_000;

/** The first admin's first sign-in: the printed password, an authenticator app, then a password of their own. */
async function firstSignIn(page: Page, email: string, oneTime: string): Promise<void> {
  await page.goto('/');
  await expectHeading(page, en('signin.title'));
  await page.getByLabel(en('signin.email')).fill(email);
  await page.getByLabel(en('signin.password')).fill(oneTime);
  await page.getByRole('button', { name: en('signin.submit') }).click();

  // A new program asks two steps of its staff: the admin sets up the app before anything opens.
  await expectHeading(page, en('twoFactor.enrolTitle'));
  const secret = (await page.locator('.totp-secret').getAttribute('data-secret')) ?? '';
  await expectAccessible(page, 'first sign-in, authenticator app');
  await page.getByLabel(en('twoFactor.confirmStep')).fill(await codeAt(secret));
  await page.getByRole('button', { name: en('twoFactor.confirm') }).click();
  await page.getByRole('heading', { name: en('twoFactor.codesTitle') }).waitFor();
  await page.getByLabel(en('twoFactor.codesSaved')).check();
  await page.getByRole('button', { name: en('twoFactor.codesContinue') }).click();
  await page.getByRole('button', { name: en('twoFactor.passkeySkip') }).click();

  // The printed password is shown once: the admin replaces it before anything else opens.
  await expectHeading(page, en('password.mustTitle'));
  await expectAccessible(page, 'first sign-in, own password');
  await page.getByLabel(en('password.currentPassword'), { exact: true }).fill(oneTime);
  await page.getByLabel(en('password.newPassword'), { exact: true }).fill(adminPassword);
  await page.getByLabel(en('password.confirmPassword'), { exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: en('password.mustSave') }).click();
  await expectHeading(page, en('users.title'));
}

/** Finds one person of the CHW's caseload by the family name the sheet gave them. */
async function personId(chwApi: Awaited<ReturnType<typeof apiAs>>, familyName: string): Promise<string> {
  const { clients } = await chwApi<{ clients: { id: string }[] }>(
    'GET',
    `/api/clients?q=${encodeURIComponent(familyName)}`,
  );
  expect(clients).toHaveLength(1);
  return clients[0]?.id ?? '';
}

describe('a fresh install, in Spanish on phones', () => {
  it('the first admin names the program, invites a CHW, imports the directory and a messy caseload; the CHW filters it offline', async () => {
    const first = rig.server.firstAdmin;
    if (!first) throw new Error('the fresh install printed no first admin');
    // On the database the run asked for: PostgreSQL through scripts/with-postgres.mjs, else PGlite.
    const health = (await (await fetch(`${rig.server.url}/api/health`)).json()) as { database: string };
    expect(health.database).toBe(process.env.PUENTE_TEST_PG ? 'postgres' : 'pglite');

    const adminPhone = await newPhone(rig.browser, rig.server.url);
    const page = await adminPhone.newPage();
    await firstSignIn(page, first.email, first.password);

    // The admin reads Spanish: chosen once on Mi cuenta, kept by the server.
    await openFromMenu(page, en('nav.account'));
    await page
      .getByRole('region', { name: en('app.language') })
      .getByRole('button', { name: 'Español' })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: es('account.languageSaved') })
      .waitFor();
    await expectHtmlLang(page, 'es');

    // Nothing is set up: every required step is missing, the name is still the first start's.
    await openFromMenu(page, es('nav.users'));
    await expectHeading(page, es('users.title'));
    const checklist = page.getByRole('region', { name: es('users.setupTitle') });
    const step = (id: SetupStepId) =>
      checklist.getByRole('listitem').filter({ hasText: es(`users.setup_${id}`) });
    await checklist.getByText(es('users.setupProgress', { done: 0, required: 7 })).waitFor();
    for (const id of ['name', 'timeZone', 'language', 'crisis', 'teams', 'chws', 'directory'] as const)
      expect(await step(id).textContent()).toContain(
        `${es(`users.setup_${id}`)}: ${es('users.setupMissing')}`,
      );
    await step('name')
      .getByText(es('users.setup_nameMissing', { name: 'Puente' }))
      .waitFor();
    await expectNoSideScroll(page, 'fresh checklist');
    await expectAccessible(page, 'fresh install checklist (es)');
    await screenshot(page, 'fresh-install-checklist-es');

    // The name, the program's language and its time zone, on the program screen.
    await step('name')
      .getByRole('link', { name: es('users.setup_nameGo') })
      .click();
    await expectHeading(page, es('team.programTitle'));
    const programName = page.getByLabel(es('team.programName'));
    expect(await programName.inputValue()).toBe('Puente');
    await programName.fill('Promotoras del Valle');
    await page.getByLabel(es('team.programLanguage')).selectOption('es');
    await page.getByLabel(es('team.timeZone')).fill('America/Los_Angeles');
    await page.getByRole('button', { name: es('team.saveSettings') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('team.settingsSaved') })
      .waitFor();

    // The crisis response, before any CHW screens someone: a line and the emergency number.
    await openFromMenu(page, es('nav.users'));
    await step('crisis')
      .getByRole('link', { name: es('users.setup_crisisGo') })
      .click();
    await expectHeading(page, es('crisis.navAdmin'));
    await page.getByLabel(es('crisis.emergencyLabel')).fill('911');
    await page.getByRole('button', { name: es('crisis.addLine') }).click();
    await page.locator('#line-0-label').fill('Línea 988 en español');
    await page.locator('#line-0-phone').fill('988');
    await page.locator('#line-0-hours').fill('24/7');
    await page.locator('#line-0-language').fill('es');
    await page.getByRole('button', { name: es('crisis.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('crisis.saved') })
      .waitFor();
    await expectAccessible(page, 'crisis response settings (es)');

    // The CHW is invited by email; she chooses her password from the link on her own (Spanish) phone.
    await openFromMenu(page, es('nav.users'));
    await step('chws')
      .getByRole('button', { name: es('users.setup_chwsGo') })
      .click();
    await invite(page, chw, 'es');
    await page
      .getByRole('status')
      .filter({ hasText: es('users.created', { name: chw.name }) })
      .waitFor();
    const [link] = await mailbox.setPasswordLinks(chw.email);
    // In her language, as the admin chose for her.
    const email = mailbox.received.find((e) => e.to.includes(chw.email));
    expect(email?.text).toContain('Elija su contraseña');
    const chwPhone = await newPhone(rig.browser, rig.server.url, 'es-US');
    const ana = await chwPhone.newPage();
    await setPasswordFromLink(ana, link ?? '', chw.password, 'es');
    await expectAccessible(ana, 'password chosen from the invitation (es)');

    // Two people she already follows, registered from her other device; the sheet has them too.
    const chwApi = await apiAs(rig.server.url, chw.email, chw.password);
    const existing = [sheetPerson(1000, chw.email), sheetPerson(1001, chw.email)];
    for (const [givenName, familyName, phone] of existing)
      await chwApi('POST', '/api/clients', { givenName, familyName, phone, preferredLanguage: 'es' });

    // The directory: 200 rows, of which 5 are left out.
    await openFromMenu(page, es('nav.users'));
    await step('directory')
      .getByRole('link', { name: es('users.setup_directoryGo') })
      .click();
    await expectHeading(page, es('directory.adminTitle'));
    const directory = await checkDirectorySheet(page, messyDirectory(200).rows);
    await directory.getByText(es('directorySheet.countReady', { count: 195 })).waitFor();
    await directory.getByText(es('directorySheet.countSkipped', { count: 5 })).waitFor();
    await importCheckedDirectory(page, 195);

    // The caseload: 300 people for her, 5 rows wrong and 3 repeated, each named in the report.
    await openFromMenu(page, es('nav.users'));
    await step('caseload')
      .getByRole('link', { name: es('caseloadImport.setup_caseloadGo') })
      .click();
    await expectHeading(page, es('caseloadImport.title'));
    const sheet = messySheet(300, [chw.email], existing);
    await expectMessySheetReport(await checkCaseloadSheet(page, sheet.rows), sheet);
    await expectNoSideScroll(page, 'caseload dry run');
    await importCheckedCaseload(page, 292);

    // Back on the checklist: all but a team is done, with what was made.
    await openFromMenu(page, es('nav.users'));
    await checklist.getByText(es('users.setupProgress', { done: 6, required: 7 })).waitFor();
    await step('name')
      .getByText(es('users.setup_nameDone', { name: 'Promotoras del Valle' }))
      .waitFor();
    await step('chws')
      .getByText(es('users.setup_chwsDone', { count: 1, pending: 0 }))
      .waitFor();
    await step('directory')
      .getByText(es('users.setup_directoryDone', { count: 195 }))
      .waitFor();
    await step('caseload')
      .getByText(es('caseloadImport.setup_caseloadDone', { count: 294 }))
      .waitFor();
    expect(await step('teams').textContent()).toContain(
      `${es('users.setup_teams')}: ${es('users.setupMissing')}`,
    );
    await expectNoSideScroll(page, 'checklist after the imports');
    await screenshot(page, 'fresh-install-checklist-after-es');
    await adminPhone.close();

    // Her visits and screens so far, from her other device: two imported people answered yes to
    // C-SSRS question 4 (a high-risk flag), one of them seen today and one 45 days ago; a third
    // person, with no flag, seen 10 days ago.
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY_MS - 60_000).toISOString();
    const visited: [string, number, boolean][] = [
      ['Prueba 00004', 0, true],
      ['Prueba 00006', 45, true],
      ['Prueba 00008', 10, false],
    ];
    for (const [familyName, daysAgo, highRisk] of visited) {
      const id = await personId(chwApi, familyName);
      await chwApi('POST', `/api/clients/${id}/encounters`, {
        kind: 'home-visit',
        occurredAt: day(daysAgo),
        language: 'es',
      });
      if (highRisk)
        await chwApi(
          'POST',
          `/api/clients/${id}/screenings`,
          cssrsResponse(['1', '2', '3', '4'], ['5', '6']),
        );
    }

    // Her phone: sign in, a PIN, the whole caseload synced; then no signal.
    await ana.getByRole('link', { name: es('password.signIn') }).click();
    await signInWith(ana, chw.email, chw.password, 'es');
    await readyForNoSignal(ana, 'es');
    // She works for the program by the name its admin gave it, not for an app called Puente.
    expect(await ana.locator('header .brand').textContent()).toBe('Promotoras del Valle');
    await chwPhone.setOffline(true);
    await syncStatus(ana).getByText(es('sync.offline')).waitFor();
    await openFromMenu(ana, es('nav.people'));
    await expectHeading(ana, es('people.title'));
    await ana.getByText(es('people.count', { shown: 25, total: 294 })).waitFor();
    await expectNoSideScroll(ana, 'caseload');

    // Risk: the two flagged, longest without contact first.
    const rows = ana.locator('ul.rows > li');
    const matchLine = ana.locator('.match-line');
    await ana.locator('details.caseload-filters > summary').click();
    await ana.getByLabel(es('people.filterRisk')).check();
    await matchLine.getByText(es('people.matchMany', { count: 2 })).waitFor();
    await expect
      .poll(() => rows.allInnerTexts())
      .toEqual([
        expect.stringContaining('Lucía Prueba 00006'),
        expect.stringContaining('Carmen Prueba 00004'),
      ]);
    // And no contact in 30 days: only the one seen 45 days ago.
    await ana.getByLabel(es('people.filterQuiet')).selectOption('30');
    await matchLine.getByText(es('people.matchOne')).waitFor();
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Lucía Prueba 00006')]);
    expect(Object.fromEntries(new URL(ana.url()).searchParams)).toEqual({ risk: '1', quiet: '30' });
    await expectNoSideScroll(ana, 'caseload filtered');
    await expectAccessible(ana, 'imported caseload filtered offline (es)');
    await screenshot(ana, 'fresh-install-caseload-filtered-es');

    // Last contact alone: everyone but the two seen within 30 days (never contacted counts), then 7.
    await ana.getByLabel(es('people.filterRisk')).uncheck();
    await matchLine.getByText(es('people.matchMany', { count: 292 })).waitFor();
    await ana.getByLabel(es('people.filterQuiet')).selectOption('7');
    await matchLine.getByText(es('people.matchMany', { count: 293 })).waitFor();
    await chwPhone.close();
  }, 180_000);
});
