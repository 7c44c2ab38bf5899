import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectHeading, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

const newUser = {
  name: 'Ana Lucía Ríos',
  email: 'ana.rios@demo.puente.test',
  password: 'a long temporary one',
};

async function fillNewUser(page: Page): Promise<void> {
  await page.getByLabel(t('en', 'users.displayName'), { exact: true }).fill(newUser.name);
  await page.getByLabel(t('en', 'users.email'), { exact: true }).fill(newUser.email);
  await page.getByLabel(t('en', 'users.role'), { exact: true }).selectOption('chw');
  await page.getByLabel(t('en', 'users.language'), { exact: true }).selectOption('es');
  await page.getByLabel(t('en', 'users.password'), { exact: true }).fill(newUser.password);
  await page.getByRole('button', { name: t('en', 'users.create'), exact: true }).click();
}

describe('admin: users and teams', () => {
  it('creates a user, finds them by search, refuses a duplicate without losing the typing', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'users.title'));

    await page.getByRole('button', { name: t('en', 'users.add') }).click();
    await fillNewUser(page);
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'users.created', { name: newUser.name }) })
      .waitFor();

    const search = page.getByLabel(t('en', 'users.search'));
    await search.fill('ríos');
    const rows = page.locator('ul.rows > li');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(newUser.email);

    await search.fill('zzz-nobody');
    await page.getByText(t('en', 'users.noMatch', { query: 'zzz-nobody' })).waitFor();
    expect(await rows.count()).toBe(0);

    // The same email again: refused, and everything typed is still there.
    await page.getByRole('button', { name: t('en', 'users.add') }).click();
    await fillNewUser(page);
    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'errors.emailTaken') })
      .first()
      .waitFor();
    expect(await page.getByLabel(t('en', 'users.displayName'), { exact: true }).inputValue()).toBe(
      newUser.name,
    );
    expect(await page.getByLabel(t('en', 'users.password'), { exact: true }).inputValue()).toBe(
      newUser.password,
    );
    await page.getByRole('button', { name: t('en', 'users.closeForm') }).click();

    // Disable, then enable again.
    await search.fill(newUser.email);
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
