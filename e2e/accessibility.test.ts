import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

describe('every screen at 360 px has no serious or critical axe violations', () => {
  it('sign-in, empty and with an error', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await expectHeading(page, t('en', 'signin.title'));
    await check(page, 'sign-in');

    await page.getByLabel(t('en', 'signin.email')).fill('not an email');
    await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
    await page.locator('#email-error').waitFor();
    await check(page, 'sign-in-error');
    await phone.close();
  });

  it('today and account, for a promotora in Spanish', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await expectHeading(page, t('es', 'today.title'));
    await check(page, 'today');

    await openFromMenu(page, t('es', 'nav.account'));
    await expectHeading(page, t('es', 'account.title'));
    await check(page, 'account');
    await phone.close();
  });

  it('users and teams, for an admin, with their forms open', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'users.title'));
    await page.locator('ul.rows > li').first().waitFor();
    await check(page, 'users');
    await page.getByRole('button', { name: t('en', 'users.add') }).click();
    await check(page, 'users-form');

    await openFromMenu(page, t('en', 'nav.teams'));
    await expectHeading(page, t('en', 'teams.title'));
    await page.getByRole('button', { name: t('en', 'teams.add') }).click();
    await page.getByLabel(t('en', 'teams.name')).waitFor();
    await check(page, 'teams');
    await phone.close();
  });
});
