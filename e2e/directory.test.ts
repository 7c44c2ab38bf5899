import { isOpenAt } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  en,
  es,
  expectAccessible,
  expectHeading,
  openFromMenu,
  screenshot,
  signedInAdmin,
  signIn,
} from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Rosa works in Spanish; the admin in English. */

const PANTRY = 'Community Food Pantry';
// The demo directory's pantry: Monday, Wednesday and Friday mornings, in the program's time zone.
const pantryHours = (['MO', 'WE', 'FR'] as const).map((day) => ({ day, opens: '09:00', closes: '13:00' }));

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

const card = (page: Page, name: string) =>
  page.locator('li.resource').filter({ has: page.getByRole('heading', { level: 3, name }) });

describe('the resource directory, in the browser', () => {
  it('Rosa finds the food pantry near her in Spanish, sends it by text, prints it and reports a listing; the admin resolves the report', async () => {
    const rosaPhone = await newPhone(rig.browser, rig.server.url);
    // Standing in Fresno, a few blocks from the pantry.
    await rosaPhone.grantPermissions(['geolocation'], { origin: rig.server.url });
    await rosaPhone.setGeolocation({ latitude: 36.745, longitude: -119.785 });
    const rosa = await rosaPhone.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);
    await expectHeading(rosa, es('today.title'));

    await openFromMenu(rosa, es('directory.nav'));
    await expectHeading(rosa, es('directory.title'));
    await rosa.getByRole('heading', { level: 2, name: es('directory.startTitle') }).waitFor();
    await check(rosa, 'directory-start');

    // Offline, the copy of the directory kept on the phone answers, and says it is a copy.
    await rosa
      .getByRole('region', { name: es('sync.statusLabel') })
      .getByText(es('sync.synced'))
      .waitFor();
    await rosaPhone.setOffline(true);
    await rosa.locator('p.notice').first().waitFor();
    await rosa.getByLabel(es('directory.searchLabel')).fill('despensa');
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    await card(rosa, PANTRY).waitFor();
    await rosaPhone.setOffline(false);

    // "despensa" near her location: the pantry comes first, with distance, hours and whether it is open.
    await rosa.getByText(es('directory.moreFilters')).click();
    await rosa.getByLabel(es('directory.nearMe')).check();
    await rosa.getByText(es('directory.located')).waitFor();
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    const first = rosa.locator('li.resource').first();
    await first.getByRole('heading', { level: 3, name: PANTRY }).waitFor();
    // The offline results stay on screen until the server answers: wait for its count.
    await expect.poll(() => rosa.locator('#directory-count').textContent()).toMatch(/^Se encontr/);
    const pantry = card(rosa, PANTRY);
    await expect
      .poll(() => pantry.locator('.badge').allInnerTexts())
      .toContain(
        isOpenAt(pantryHours, new Date(), 'America/Los_Angeles')
          ? es('directory.openBadge')
          : es('directory.closedBadge'),
      );
    expect(await pantry.locator('.resource-badges').textContent()).toMatch(/A 0,\d km \(0,\d mi\)/);
    const hours = (await pantry.locator('dd').first().textContent()) ?? '';
    expect(hours).toMatch(/lun.*mié.*vie/);
    expect(hours).toContain('13:00');
    expect(await pantry.getByRole('link', { name: '559-555-0100' }).getAttribute('href')).toBe(
      'tel:5595550100',
    );
    // The demo listings were last checked years ago: Rosa is told to call first.
    await pantry.getByText(es('directory.stale')).waitFor();
    await check(rosa, 'directory-results');

    // Share: a prefilled text message and WhatsApp link, with no recipient, in the person's language.
    await pantry.getByRole('button', { name: es('directory.share') }).click();
    const sms = pantry.getByRole('link', { name: es('directory.shareSms') });
    const smsHref = (await sms.getAttribute('href')) ?? '';
    expect(smsHref.startsWith('sms:?&body=')).toBe(true);
    const smsText = decodeURIComponent(smsHref.slice('sms:?&body='.length));
    expect(smsText).toContain(PANTRY);
    expect(smsText).toContain(es('directory.msgPhone', { phone: '559-555-0100' }));
    expect(smsText).toContain(es('directory.msgIntro'));
    await pantry.getByLabel(es('directory.shareLanguage')).selectOption('en');
    const whatsapp =
      (await pantry.getByRole('link', { name: es('directory.shareWhatsapp') }).getAttribute('href')) ?? '';
    expect(whatsapp.startsWith('https://wa.me/?text=')).toBe(true);
    expect(decodeURIComponent(whatsapp.slice('https://wa.me/?text='.length))).toContain(
      en('directory.msgIntro'),
    );
    await check(rosa, 'directory-share');

    // The handout prints in the chosen language; back again, the results are still there.
    await pantry.getByRole('button', { name: es('directory.shareHandout') }).click();
    await rosa.getByRole('heading', { level: 2, name: es('directory.shareHandout') }).waitFor();
    await rosa.locator('article.handout[lang="en"]').getByText(en('directory.handoutFooter')).waitFor();
    await rosa.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await rosa.getByRole('button', { name: es('directory.handoutPrint') }).click();
    expect(await rosa.locator('body').getAttribute('data-printed')).toBe('yes');
    await rosa.emulateMedia({ media: 'print' });
    expect(await rosa.locator('.app-header').isVisible()).toBe(false);
    expect(await rosa.getByRole('button', { name: es('directory.handoutPrint') }).isVisible()).toBe(false);
    await screenshot(rosa, 'directory-handout-print');
    await rosa.emulateMedia({ media: 'screen' });
    await rosa.getByRole('button', { name: es('directory.handoutBack') }).click();
    await pantry.getByRole('heading', { level: 3, name: PANTRY }).waitFor();
    // Keyboard and screen reader users land back on the card they left.
    await expect.poll(() => rosa.evaluate(() => document.activeElement?.textContent)).toBe(PANTRY);

    // Report: the number does not work.
    await pantry.getByRole('button', { name: es('directory.report') }).click();
    await pantry.getByLabel(es('directory.reason_phone_not_working')).check();
    await pantry.getByLabel(es('directory.reportNote')).fill('Suena ocupado todo el día.');
    await pantry.getByRole('button', { name: es('directory.reportSend') }).click();
    await pantry
      .getByRole('status')
      .filter({ hasText: es('directory.reportSent', { name: PANTRY }) })
      .waitFor();

    // Going to Today and back keeps the search and its results.
    await openFromMenu(rosa, es('nav.today'));
    await expectHeading(rosa, es('today.title'));
    await openFromMenu(rosa, es('directory.nav'));
    await card(rosa, PANTRY).waitFor();
    expect(await rosa.getByLabel(es('directory.searchLabel')).inputValue()).toBe('despensa');
    await rosaPhone.close();

    // The admin sees the report in the review queue and closes it as fixed.
    const { phone: adminPhone, page: admin } = await signedInAdmin(rig, 'en', {
      menu: 'directory.navAdmin',
      heading: 'directory.adminTitle',
    });
    const flag = admin.locator('li.flag').filter({ hasText: PANTRY });
    await flag.getByText(en('directory.reason_phone_not_working')).waitFor();
    await flag.getByText('Suena ocupado todo el día.').waitFor();
    await flag.getByText(/Rosa Martínez/).waitFor();
    await check(admin, 'directory-admin');
    await flag.getByRole('button', { name: en('directory.fixed') }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: en('directory.resolvedFixed', { name: PANTRY }) })
      .waitFor();
    await admin.getByText(en('directory.flagsEmpty')).waitFor();

    // An upload with one bad row: the good one is imported, the bad one listed with where and why.
    const upload = {
      'services.csv': [
        { id: '20000000-0000-4000-8000-000000000001', name: 'Ropero Comunitario', status: 'active' },
        { id: '20000000-0000-4000-8000-000000000002', name: 'Half done', status: 'maybe' },
      ],
    };
    await admin.getByLabel(en('directory.importFile')).setInputFiles({
      name: 'upload.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(upload)),
    });
    await admin.getByRole('button', { name: en('directory.importSubmit') }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: en('directorySheet.jsonImported', { services: 1, places: 0, rejected: 1 }) })
      .waitFor();
    const rejected = admin.locator('.import-issues > li');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('services.csv');
    expect(await rejected.textContent()).toContain('status');
    await check(admin, 'directory-import');

    // Marking the pantry as checked today takes the stale warning away.
    await openFromMenu(admin, en('directory.nav'));
    await admin.getByLabel(en('directory.searchLabel')).fill('food pantry');
    await admin.getByRole('button', { name: en('directory.search'), exact: true }).click();
    const adminPantry = card(admin, PANTRY);
    await adminPantry.getByText(en('directory.stale')).waitFor();
    await adminPantry.getByRole('button', { name: en('directory.verify') }).click();
    await adminPantry
      .getByRole('status')
      .filter({ hasText: en('directory.verifiedNow') })
      .waitFor();
    expect(await adminPantry.getByText(en('directory.stale')).count()).toBe(0);
    await adminPhone.close();
  });

  it('tells a promotora plainly when nothing matches, and lets her search again without filters', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.marcus);
    await openFromMenu(page, en('directory.nav'));
    await expectHeading(page, en('directory.title'));
    await page.getByLabel(en('directory.searchLabel')).fill('food');
    await page.getByText(en('directory.moreFilters')).click();
    await page.getByLabel(en('directory.age')).fill('40');
    await page.getByLabel(en('directory.cost')).selectOption('free');
    await page.getByLabel(en('directory.language')).selectOption('zh');
    await page.getByRole('button', { name: en('directory.search'), exact: true }).click();
    await page.getByRole('heading', { level: 2, name: en('directory.noneTitle') }).waitFor();
    await check(page, 'directory-nothing-found');
    await page.getByRole('button', { name: en('directory.widen') }).click();
    await card(page, PANTRY).waitFor();
    await phone.close();
  });
});
