import { t } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { expectHeading, openFromMenu, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

describe('what each role sees', () => {
  it('a promotora sees Today, her people, the library, events and her account, in her language, and not the admin screens', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    // Rosa's language is Spanish on the server, so the app switches after sign-in.
    await expectHeading(page, t('es', 'today.title'));
    const menu = page.getByRole('navigation', { name: t('es', 'nav.label') });
    expect(await menu.getByRole('link').allInnerTexts()).toEqual([
      t('es', 'nav.today'),
      t('es', 'nav.people'),
      t('es', 'intake.nav'),
      t('es', 'directory.nav'),
      t('es', 'education.navLibrary'),
      t('es', 'outreach.navEvents'),
      t('es', 'nav.account'),
    ]);

    await page.goto('/admin/users');
    await expectHeading(page, t('es', 'app.forbiddenTitle'));
    await page.getByText(t('es', 'errors.forbidden')).waitFor();
    expect((await page.request.get('/api/users')).status()).toBe(403);
    await phone.close();
  });

  it('an admin sees the admin screens, reports, the library and events, and starts on Users', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'users.title'));
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    expect(links).toEqual([
      t('en', 'nav.users'),
      t('en', 'nav.teams'),
      t('en', 'nav.program'),
      t('en', 'crisis.navAdmin'),
      t('en', 'directory.navAdmin'),
      t('en', 'referrals.navPartners'),
      t('en', 'fhirClients.nav'),
      t('en', 'smsAdmin.nav'),
      t('en', 'backups.nav'),
      t('en', 'reports.nav'),
      t('en', 'directory.nav'),
      t('en', 'education.navLibrary'),
      t('en', 'outreach.navEvents'),
      t('en', 'nav.account'),
    ]);
    await phone.close();
  });

  it('a partner organization starts on its referrals inbox and sees nothing else but its own listings and its account', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.partner);
    await expectHeading(page, t('es', 'referrals.inboxTitle'));
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    expect(links).toEqual([t('es', 'referrals.navInbox'), t('es', 'listings.nav'), t('es', 'nav.account')]);
    await page.getByText(t('es', 'referrals.inboxEmpty')).waitFor();
    await page.goto('/people');
    await expectHeading(page, t('es', 'app.forbiddenTitle'));
    expect((await page.request.get('/api/clients')).status()).toBe(403);
    await phone.close();
  });

  it('sends a person whose session ended back to sign-in, with a note', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.admin);
    await expectHeading(page, t('en', 'users.title'));
    await phone.clearCookies();
    await openFromMenu(page, t('en', 'nav.teams'));
    await expectHeading(page, t('en', 'signin.title'));
    await page
      .getByRole('status')
      .filter({ hasText: t('en', 'app.sessionEnded') })
      .waitFor();
    await phone.close();
  });
});
