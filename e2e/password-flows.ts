import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { enterPin, expectHeading, TEST_PIN } from './flows.js';

/** Opens an emailed set-password link and chooses `password` on its page (English phone). */
export async function setPasswordFromLink(page: Page, link: string, password: string): Promise<void> {
  // Leave the page first: a link that differs only after `#` would not load the page again.
  await page.goto('about:blank');
  await page.goto(link);
  await expectHeading(page, t('en', 'password.setTitle'));
  await page.getByLabel(t('en', 'password.newPassword'), { exact: true }).fill(password);
  await page.getByLabel(t('en', 'password.confirmPassword'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t('en', 'password.save') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: t('en', 'password.setDone') })
    .waitFor();
}

/** Signs in with a password of the person's own, setting the phone's PIN if their role keeps a caseload. */
export async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await expectHeading(page, t('en', 'signin.title'));
  await page.getByLabel(t('en', 'signin.email')).fill(email);
  await page.getByLabel(t('en', 'signin.password')).fill(password);
  await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
  const pin = page.locator('#pin');
  await Promise.race([page.getByRole('navigation').waitFor(), pin.waitFor()]);
  if (await pin.isVisible()) await enterPin(page, TEST_PIN, { repeat: true });
  await page.getByRole('navigation').waitFor();
}
