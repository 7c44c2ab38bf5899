import { t } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { apiAs, expectHeading, expectHtmlLang, openFromMenu, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';
import { useMailbox } from './mailbox.js';
import { setPasswordFromLink, signInWith } from './password-flows.js';

const mailbox = useMailbox();
const rig = useServerAndBrowser(mailbox.env);

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

  it('forgot password: the same answer for any email, and the emailed link sets a new one', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: t('en', 'signin.forgot') }).click();
    await expectHeading(page, t('en', 'password.forgotTitle'));
    const email = page.getByLabel(t('en', 'password.email'));
    const send = page.getByRole('button', { name: t('en', 'password.send') });
    const sent = page.getByRole('status').filter({ hasText: t('en', 'password.forgotSent') });

    await email.fill('nobody-here@demo.puente.test');
    await send.click();
    await sent.waitFor();
    await email.fill(demo.partner);
    await send.click();
    await sent.waitFor();
    expect(mailbox.received.some((m) => m.to.includes('nobody-here@demo.puente.test'))).toBe(false);

    const [link] = await mailbox.setPasswordLinks(demo.partner);
    await setPasswordFromLink(page, link ?? '', 'carmen chose this one');
    await page.getByRole('link', { name: t('en', 'password.signIn') }).click();
    await signInWith(page, demo.partner, 'carmen chose this one');
    await phone.close();
  });

  it('someone whose password an admin set chooses their own before anything else', async () => {
    const admin = await apiAs(rig.server.url, demo.admin);
    const given = 'a password the admin knows';
    await admin('POST', '/api/users', {
      email: 'given.password@demo.puente.test',
      displayName: 'Given Password',
      role: 'manager',
      locale: 'en',
      password: given,
    });
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await page.getByLabel(t('en', 'signin.email')).fill('given.password@demo.puente.test');
    await page.getByLabel(t('en', 'signin.password')).fill(given);
    await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
    await expectHeading(page, t('en', 'password.mustTitle'));
    expect(await page.getByRole('navigation').count()).toBe(0);

    const current = page.getByLabel(t('en', 'password.currentPassword'));
    const fresh = page.getByLabel(t('en', 'password.newPassword'), { exact: true });
    const confirm = page.getByLabel(t('en', 'password.confirmPassword'), { exact: true });
    const save = page.getByRole('button', { name: t('en', 'password.mustSave') });
    expect(await current.getAttribute('autocomplete')).toBe('current-password');
    expect(await fresh.getAttribute('autocomplete')).toBe('new-password');
    // The given password again is not a change.
    await current.fill(given);
    await fresh.fill(given);
    await confirm.fill(given);
    await save.click();
    await page
      .getByRole('alert')
      .filter({ hasText: t('en', 'errors.passwordNotNew') })
      .waitFor();
    expect(await fresh.getAttribute('aria-invalid')).toBe('true');

    await fresh.fill('a password only I know');
    await confirm.fill('a password only I know');
    await save.click();
    await page.getByRole('navigation').waitFor();
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await phone.close();

    // The new password is the one that signs in.
    const next = await (await newPhone(rig.browser, rig.server.url)).newPage();
    await next.goto('/');
    await signInWith(next, 'given.password@demo.puente.test', 'a password only I know');

    // Later she changes it on her Account screen: the same two fields, in that screen's words.
    await openFromMenu(next, t('en', 'nav.account'));
    await expectHeading(next, t('en', 'account.title'));
    const again = next.getByLabel(t('en', 'account.newPassword'), { exact: true });
    const twice = next.getByLabel(t('en', 'account.confirmPassword'), { exact: true });
    const change = next.getByRole('button', { name: t('en', 'account.changePassword') });
    await next.getByLabel(t('en', 'account.currentPassword')).fill('a password only I know');
    await again.fill('and later another one');
    await twice.fill('not the same one');
    await change.click();
    await next.getByText(t('en', 'account.passwordsDiffer')).waitFor();
    await expect.poll(() => next.evaluate(() => document.activeElement?.id)).toBe('confirm-password');
    await twice.fill('and later another one');
    await change.click();
    await next
      .getByRole('status')
      .filter({ hasText: t('en', 'account.passwordChanged') })
      .waitFor();
    expect(await again.inputValue()).toBe('');
    expect(await twice.inputValue()).toBe('');
    await next.context().close();
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
