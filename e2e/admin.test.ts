import { type SetupStepId, t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, invite, screenshot, signedInAdmin, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';
import { useMailbox } from './mailbox.js';
import { setPasswordFromLink, signInWith } from './password-flows.js';

const mailbox = useMailbox();
const rig = useServerAndBrowser(mailbox.env);

const newUser = {
  name: 'Ana Lucía Ríos',
  email: 'ana.rios@demo.puente.test',
  password: 'a long password of her own',
};

const fillInvite = (page: Page) => invite(page, { ...newUser, role: 'chw', language: 'es' });

describe('admin: users and teams', () => {
  it('invites a user who sets their own password from the emailed link; no admin ever types one', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'users.title'));

    await page.getByRole('button', { name: t('en', 'users.add') }).click();
    // The admin is never asked for someone else's password.
    expect(await page.locator('#new-user input[type="password"], #new-user #password').count()).toBe(0);
    await fillInvite(page);
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'users.created', { name: newUser.name }) })
      .waitFor();

    const search = page.getByLabel(t('en', 'users.search'));
    await search.fill('ríos');
    const rows = page.locator('ul.rows > li');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(newUser.email);
    expect(await rows.first().textContent()).toContain(t('en', 'users.pending'));

    // A second link: the first stops working.
    await mailbox.setPasswordLinks(newUser.email, 1);
    await page.getByRole('button', { name: t('en', 'users.resendNamed', { name: newUser.name }) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'users.resent', { name: newUser.name }) })
      .waitFor();
    const [first, second] = await mailbox.setPasswordLinks(newUser.email, 2);

    await search.fill('zzz-nobody');
    await page.getByText(t('en', 'users.noMatch', { query: 'zzz-nobody' })).waitFor();
    expect(await rows.count()).toBe(0);

    // The same email again: refused, and everything typed is still there.
    await page.getByRole('button', { name: t('en', 'users.add') }).click();
    await fillInvite(page);
    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'errors.emailTaken') })
      .first()
      .waitFor();
    expect(await page.getByLabel(t('en', 'users.displayName'), { exact: true }).inputValue()).toBe(
      newUser.name,
    );
    await page.getByRole('button', { name: t('en', 'users.closeForm') }).click();

    // Ana's phone: the replaced link says so and where to get another; the new one works once.
    const anaPhone = await newPhone(rig.browser, rig.server.url);
    const ana = await anaPhone.newPage();
    await ana.goto(first ?? '');
    await expectHeading(ana, t('en', 'password.setTitle'));
    // The token leaves the address bar as soon as the page has it.
    expect(new URL(ana.url()).hash).toBe('');
    await ana.getByLabel(t('en', 'password.newPassword'), { exact: true }).fill(newUser.password);
    await ana.getByLabel(t('en', 'password.confirmPassword'), { exact: true }).fill('not the same one');
    await ana.getByRole('button', { name: t('en', 'password.save') }).click();
    await ana.getByText(t('en', 'password.passwordsDiffer')).waitFor();
    await ana.getByLabel(t('en', 'password.confirmPassword'), { exact: true }).fill(newUser.password);
    await ana.getByRole('button', { name: t('en', 'password.save') }).click();
    await ana
      .getByRole('alert')
      .filter({ hasText: t('en', 'password.linkInvalidTitle') })
      .waitFor();
    // The form is gone: focus is on the way on, not lost to the page's start.
    await expect
      .poll(() => ana.evaluate(() => document.activeElement?.getAttribute('href')))
      .toBe('/forgot-password');

    await setPasswordFromLink(ana, second ?? '', newUser.password);
    await ana.getByRole('link', { name: t('en', 'password.signIn') }).click();
    await signInWith(ana, newUser.email, newUser.password);
    await anaPhone.close();

    // Used once: the same link again is refused.
    const again = await (await newPhone(rig.browser, rig.server.url)).newPage();
    await again.goto(second ?? '');
    await again.getByLabel(t('en', 'password.newPassword'), { exact: true }).fill('yet another password');
    await again.getByLabel(t('en', 'password.confirmPassword'), { exact: true }).fill('yet another password');
    await again.getByRole('button', { name: t('en', 'password.save') }).click();
    await again
      .getByRole('alert')
      .filter({ hasText: t('en', 'password.linkInvalidTitle') })
      .waitFor();
    await again.context().close();

    // Her password is her own now: no longer pending.
    await page.reload();
    await expectHeading(page, t('en', 'users.title'));
    await search.fill(newUser.email);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).not.toContain(t('en', 'users.pending'));

    // Disable, then enable again.
    await page.getByRole('button', { name: t('en', 'users.disableNamed', { name: newUser.name }) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'users.disabledDone', { name: newUser.name }) })
      .waitFor();
    expect(await rows.first().textContent()).toContain(t('en', 'users.disabled'));
    await page.getByRole('button', { name: t('en', 'users.enableNamed', { name: newUser.name }) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'users.enabledDone', { name: newUser.name }) })
      .waitFor();
    await phone.close();
  });

  it('creates a team with a supervisor and a promotora', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/admin/teams');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'teams.title'));

    await page.getByRole('button', { name: t('en', 'teams.add') }).click();
    await page.getByLabel(t('en', 'teams.name')).fill('Eastside promotoras');
    const supervisor = page.getByLabel(t('en', 'teams.pickSupervisor'));
    const daniel = await supervisor.locator('option', { hasText: 'Daniel' }).getAttribute('value');
    await supervisor.selectOption(daniel ?? '');
    await page.getByRole('checkbox', { name: /Rosa/ }).check();
    await page.getByRole('button', { name: t('en', 'teams.create'), exact: true }).click();

    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'teams.created', { name: 'Eastside promotoras' }) })
      .waitFor();
    const team = page.locator('ul.rows > li', { hasText: 'Eastside promotoras' });
    expect(await team.textContent()).toMatch(/Daniel[\s\S]*Rosa/);
    await phone.close();
  });
});

/** An 8×8 PNG, whole and valid, for the logo. */
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPQqk/CihiGlgQAB05CwSa3UrMAAAAASUVORK5CYII=',
  'base64',
);

describe('admin: the first-run checklist, in Spanish on a phone', () => {
  it('says what is missing, leads to where it is done, and folds once the program is set up', async () => {
    // The demo program has a name, a crisis response, a team, CHWs and a directory, but has never
    // confirmed its time zone nor chosen its language. Its admin reads Spanish here.
    const { api: admin, phone, page } = await signedInAdmin(rig, 'es', { heading: 'users.title' });
    const checklist = page.getByRole('region', { name: es('users.setupTitle') });
    const step = (id: SetupStepId) =>
      checklist.getByRole('listitem').filter({ hasText: es(`users.setup_${id}`) });
    const says = async (id: SetupStepId, state: 'setupDone' | 'setupMissing' | 'setupUnavailable') =>
      expect(await step(id).textContent()).toContain(`${es(`users.setup_${id}`)}: ${es(`users.${state}`)}`);
    await checklist.getByText(es('users.setupProgress', { done: 5, required: 7 })).waitFor();
    expect(await checklist.getByRole('listitem').count()).toBe(9);
    // Each state is a word in the item, not a colour: what a screen reader reads with the step.
    for (const id of ['timeZone', 'language'] as const) await says(id, 'setupMissing');
    for (const id of ['name', 'crisis', 'teams', 'chws', 'directory'] as const) await says(id, 'setupDone');
    // Nobody is registered in the demo yet: the optional caseload import is missing, and leads to its screen.
    await says('caseload', 'setupMissing');
    await says('logo', 'setupMissing');
    // The zone as people say it, with the name the program screen takes.
    const zoneLead = es('users.setup_timeZoneMissing', { zone: '§' }).split('§')[0] ?? '';
    const zoneText = (await step('timeZone').textContent()) ?? '';
    expect(zoneText).toContain(zoneLead);
    expect(zoneText).toMatch(/\S+ \(America\/Los_Angeles\)/);
    expect(
      await step('caseload')
        .getByRole('link', { name: es('caseloadImport.setup_caseloadGo') })
        .count(),
    ).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'setup checklist (es)');
    await screenshot(page, 'setup-checklist-es');

    // Inviting is on this screen: the step's button opens the form with the cursor in its first field.
    await step('chws')
      .getByRole('button', { name: es('users.setup_chwsGo') })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('displayName');
    await page.getByRole('button', { name: es('users.closeForm') }).click();

    // The zone, the language and the name are set on the program screen, reached from the step, by keyboard.
    await step('timeZone')
      .getByRole('link', { name: es('users.setup_timeZoneGo') })
      .focus();
    await page.keyboard.press('Enter');
    await expectHeading(page, es('team.programTitle'));
    await page.getByLabel(es('team.programName')).fill('');
    await page.getByRole('button', { name: es('team.saveSettings') }).click();
    await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    expect(await page.getByLabel(es('team.programName')).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(es('team.programName')).fill('Promotoras del Valle');
    await page.getByLabel(es('team.programLanguage')).selectOption('es');
    await page.getByLabel(es('team.timeZone')).fill('America/Chicago');
    await page.getByRole('button', { name: es('team.saveSettings') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('team.settingsSaved') })
      .waitFor();
    await expectAccessible(page, 'program settings (es)');

    // The logo: a file that is not a picture is refused in words before it is sent; a PNG is kept
    // and shows in the header at once.
    const picker = page.getByLabel(es('team.logoChoose'));
    await picker.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not a picture'),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: es('team.logoWrongKind') })
      .waitFor();
    expect(await page.locator('header img.brand-logo').count()).toBe(0);
    await picker.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: tinyPng });
    await page
      .getByRole('status')
      .filter({ hasText: es('team.logoSaved') })
      .waitFor();
    await expect
      .poll(() => page.locator('header img.brand-logo').evaluate((img: HTMLImageElement) => img.naturalWidth))
      .toBe(8);
    await page.getByRole('img', { name: es('team.logoCurrent') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'program logo (es)');

    // Back home: every required step is done, and the list folds to one line.
    await page.goto('/');
    await expectHeading(page, es('users.title'));
    await checklist.getByText(es('users.setupAllDone')).waitFor();
    expect(await checklist.getByRole('listitem').count()).toBe(0);
    await checklist.getByText(es('users.setupShow')).click();
    await expect.poll(() => checklist.getByRole('listitem').count()).toBe(9);
    await says('name', 'setupDone');
    await says('logo', 'setupDone');
    await step('name')
      .getByText(es('users.setup_nameDone', { name: 'Promotoras del Valle' }))
      .waitFor();
    expect(await step('timeZone').textContent()).toMatch(/\S+ \(America\/Chicago\)\./);
    await step('language')
      .getByText(es('users.setup_languageDone', { language: es('vocab.lang_es') }))
      .waitFor();
    await expectAccessible(page, 'setup checklist done (es)');
    await screenshot(page, 'setup-checklist-done-es');
    await phone.close();
    await admin('PUT', '/api/me/preferences', { locale: 'en' });
  });
});
