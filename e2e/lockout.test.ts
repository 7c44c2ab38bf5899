import { t } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { expectHeading, signIn } from './flows.js';
import { demo, demoPassword, newPhone, useServerAndBrowser } from './harness.js';

// Lock after two failures instead of six, so the test does not wait through the slow-down.
const rig = useServerAndBrowser({
  SIGNIN_SLOW_AFTER: '1',
  SIGNIN_LOCK_AFTER: '2',
  SIGNIN_LOCK_MINUTES: '15',
});

/** Fails to sign in until the server says the account is locked. */
async function lockOut(email: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const response = await fetch(`${rig.server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password: 'wrong-password-on-purpose' }),
    });
    if (response.status === 423) return;
    const { retryAfterSeconds = 1 } = (await response.json()) as { retryAfterSeconds?: number };
    await new Promise((r) => setTimeout(r, retryAfterSeconds * 1000 + 100));
  }
  throw new Error(`${email} was never locked`);
}

describe('a locked account', () => {
  it('tells the person in their language, and an admin can unlock it', async () => {
    await lockOut(demo.manager);

    const lucia = await newPhone(rig.browser, rig.server.url);
    const page = await lucia.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: t('en', 'app.spanish') }).click();
    await page.getByLabel(t('es', 'signin.email')).fill(demo.manager);
    await page.getByLabel(t('es', 'signin.password')).fill(demoPassword);
    await page.getByRole('button', { name: t('es', 'signin.submit') }).click();
    const alert = page
      .getByRole('alert')
      .filter({ hasText: t('es', 'errors.accountLocked', { minutes: 15 }) });
    await alert.waitFor();

    const admin = await newPhone(rig.browser, rig.server.url);
    const adminPage = await admin.newPage();
    await adminPage.goto('/');
    await signIn(adminPage, demo.admin);
    await adminPage.getByLabel(t('en', 'users.search')).fill('lucia');
    const row = adminPage.locator('ul.rows > li');
    expect(await row.textContent()).toContain(t('en', 'users.locked'));
    await adminPage
      .getByRole('button', { name: t('en', 'users.unlockNamed', { name: 'Lucía Fernández' }) })
      .click();
    await adminPage
      .getByRole('status')
      .filter({ hasText: t('en', 'users.unlockedDone', { name: 'Lucía Fernández' }) })
      .waitFor();
    expect(await row.textContent()).not.toContain(t('en', 'users.locked'));
    await admin.close();

    await page.getByRole('button', { name: t('es', 'signin.submit') }).click();
    // A manager starts on the caseload counts.
    await expectHeading(page, t('es', 'team.countsTitle'));
    await lucia.close();
  });
});
