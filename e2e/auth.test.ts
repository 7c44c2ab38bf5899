import { t } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { expectHeading, expectHtmlLang, openFromMenu, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

describe('signing in and out', () => {
  it('switches to Spanish, which survives a reload and the next sign-in on another phone', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.supervisor);
    await expectHeading(page, t('en', 'today.title'));
    await expectHtmlLang(page, 'en');

    await openFromMenu(page, t('en', 'nav.account'));
    await expectHeading(page, t('en', 'account.title'));
    // Keyboard and screen reader users start at the new screen's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('page-heading');
    expect(await page.title()).toBe(`${t('en', 'account.title')} · Puente`);
    await page.getByRole('button', { name: t('en', 'app.spanish') }).click();
    await expectHeading(page, t('es', 'account.title'));
    await expectHtmlLang(page, 'es');
    await page
      .getByRole('status')
      .filter({ hasText: t('es', 'account.languageSaved') })
      .waitFor();
    await page.getByRole('link', { name: t('es', 'nav.today') }).waitFor();

    await page.reload();
    await expectHeading(page, t('es', 'account.title'));
    await expectHtmlLang(page, 'es');

    await page.getByRole('button', { name: t('es', 'account.signOut') }).click();
    await expectHeading(page, t('es', 'signin.title'));
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await phone.close();

    // A new phone knows nothing locally: Spanish now comes from the server.
    const other = await newPhone(rig.browser, rig.server.url);
    const second = await other.newPage();
    await second.goto('/');
    await signIn(second, demo.supervisor);
    await expectHeading(second, t('es', 'today.title'));
    await expectHtmlLang(second, 'es');
    await other.close();
  });

  it('shows why a wrong password was refused and keeps the email', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await expectHeading(page, t('en', 'signin.title'));
    const email = page.getByLabel(t('en', 'signin.email'));
    await email.fill(demo.marcus);
    await page.getByLabel(t('en', 'signin.password')).fill('not-the-password');
    await page.getByRole('button', { name: t('en', 'signin.submit') }).click();

    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'errors.badCredentials') })
      .waitFor();
    expect(await email.inputValue()).toBe(demo.marcus);
    expect(await page.getByRole('button', { name: t('en', 'signin.submit') }).isEnabled()).toBe(true);
    await phone.close();
  });

  it('lets a person choose Spanish before signing in, and answers in Spanish', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: t('en', 'app.spanish') }).click();
    await expectHeading(page, t('es', 'signin.title'));
    await expectHtmlLang(page, 'es');

    await page.getByLabel(t('es', 'signin.email')).fill('nobody@demo.puente.test');
    await page.getByLabel(t('es', 'signin.password')).fill('still-not-the-password');
    await page.getByRole('button', { name: t('es', 'signin.submit') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('es', 'errors.badCredentials') })
      .waitFor();

    await page.reload();
    await expectHeading(page, t('es', 'signin.title'));
    await phone.close();
  });

  it('shows field errors next to the fields', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await page.getByLabel(t('en', 'signin.email')).fill('not an email');
    await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
    const email = page.getByLabel(t('en', 'signin.email'));
    await page.locator('#email-error').waitFor();
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await email.getAttribute('aria-describedby')).toContain('email-error');
    expect(await email.inputValue()).toBe('not an email');
    await phone.close();
  });
});
