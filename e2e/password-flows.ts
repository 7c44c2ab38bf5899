import { type Locale, t } from '@puente/core';
import type { Page } from 'playwright-core';
import { enterPin, expectHeading, TEST_PIN } from './flows.js';

/** Opens an emailed set-password link and chooses `password` on its page, read in `locale`. */
export async function setPasswordFromLink(
  page: Page,
  link: string,
  password: string,
  locale: Locale = 'en',
): Promise<void> {
  // Leave the page first: a link that differs only after `#` would not load the page again.
  await page.goto('about:blank');
  await page.goto(link);
  await expectHeading(page, t(locale, 'password.setTitle'));
  await page.getByLabel(t(locale, 'password.newPassword'), { exact: true }).fill(password);
  await page.getByLabel(t(locale, 'password.confirmPassword'), { exact: true }).fill(password);
  await page.getByRole('button', { name: t(locale, 'password.save') }).click();
  await page
    .getByRole('status')
    .filter({ hasText: t(locale, 'password.setDone') })
    .waitFor();
}

/**
 * Signs in with a password of the person's own on a sign-in screen in `locale`, setting the
 * phone's PIN if their role keeps a caseload.
 */
export async function signInWith(
  page: Page,
  email: string,
  password: string,
  locale: Locale = 'en',
): Promise<void> {
  await expectHeading(page, t(locale, 'signin.title'));
  await page.getByLabel(t(locale, 'signin.email')).fill(email);
  await page.getByLabel(t(locale, 'signin.password')).fill(password);
  await page.getByRole('button', { name: t(locale, 'signin.submit') }).click();
  const pin = page.locator('#pin');
  await Promise.race([page.getByRole('navigation').waitFor(), pin.waitFor()]);
  if (await pin.isVisible()) await enterPin(page, TEST_PIN, { repeat: true });
  await page.getByRole('navigation').waitFor();
}
