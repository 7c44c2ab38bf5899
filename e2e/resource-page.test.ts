import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, expectHtmlLang, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Rosa works in Spanish, and so does the person she helps. */
const PANTRY = 'Community Food Pantry';
const YOUTH = 'Youth Food Bank';
const PERSON = 'Maricela';
/** A message up to where the day goes: how the day is written is the browser's business. */
const DAY = '\u0000';
const upTo = (text: string, mark: string) => text.slice(0, text.indexOf(mark));

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

describe('a private page of services for a person', () => {
  it('Rosa makes one in Spanish from the person’s “find a service” screen; it opens on another phone and keeps nothing there', async () => {
    const rosaPhone = await newPhone(rig.browser, rig.server.url);
    const rosa = await rosaPhone.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);

    await rosa.goto('/people/new');
    await rosa.getByLabel(es('people.givenName'), { exact: true }).fill(PERSON);
    await rosa.getByLabel(es('people.preferredLanguage')).selectOption('es');
    await rosa.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await rosa.getByRole('link', { name: es('people.later') }).click();
    await expectHeading(rosa, PERSON);

    // "Find a service" for her, from her referrals, then share the pantry.
    await rosa
      .getByRole('navigation', { name: es('person.sections') })
      .getByRole('link', { name: es('referrals.tab'), exact: true })
      .click();
    await rosa.getByRole('link', { name: es('referrals.findService', { name: PERSON }) }).click();
    await expectHeading(rosa, es('referrals.findService', { name: PERSON }));
    await rosa.getByLabel(es('directory.searchLabel')).fill('despensa');
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    const pantry = rosa
      .locator('li.resource')
      .filter({ has: rosa.getByRole('heading', { level: 3, name: PANTRY }) });
    await pantry.getByRole('button', { name: es('directory.share'), exact: true }).click();
    const page = pantry.locator('section.private-page');
    await page.getByRole('heading', { name: es('directory.pageTitle', { name: PERSON }) }).waitFor();
    // Her language is already chosen.
    expect(await page.getByLabel(es('directory.pageLanguage')).inputValue()).toBe('es');
    // The youth food bank from the same results goes on the page too.
    await page.getByText(es('directory.pageMore')).click();
    await page.getByRole('checkbox', { name: new RegExp(YOUTH) }).check();
    await page.getByRole('button', { name: es('directory.pageMake', { name: PERSON }) }).click();
    const link = await page.getByLabel(es('directory.pageLink'), { exact: true }).inputValue();
    expect(link).toMatch(/\/resources\/[\w-]{43}$/);
    const whatsapp = await page
      .getByRole('link', { name: es('directory.pageWhatsapp') })
      .getAttribute('href');
    const message = decodeURIComponent(whatsapp?.replace('https://wa.me/?text=', '') ?? '');
    expect(message.startsWith(upTo(es('directory.pageMessage', { url: link, date: DAY }), DAY))).toBe(true);
    const sms = await page.getByRole('link', { name: es('directory.pageSms') }).getAttribute('href');
    expect(decodeURIComponent(sms ?? '')).toContain(link);
    await check(rosa, 'resource-page-share');
    await rosaPhone.close();

    // Maricela's phone: no account, nothing remembered.
    const herPhone = await newPhone(rig.browser, rig.server.url);
    const her = await herPhone.newPage();
    await her.goto(new URL(link).pathname);
    await expectHeading(her, es('directory.publicTitle'));
    await expectHtmlLang(her, 'es');
    const place = her
      .locator('li.resource-sheet')
      .filter({ has: her.getByRole('heading', { name: PANTRY }) });
    await place.getByRole('link', { name: /555/ }).waitFor();
    await place.getByText(es('directory.hours')).waitFor();
    const until = her.locator('p.resource-page-until');
    expect(await until.textContent()).toMatch(
      new RegExp(`^${upTo(es('directory.publicUntil', { date: DAY }), DAY)}`),
    );
    expect(
      await her.locator('li.resource-sheet').getByRole('heading', { level: 2 }).allTextContents(),
    ).toEqual([PANTRY, YOUTH]);
    expect(await her.getByText(PERSON).count()).toBe(0);
    await check(her, 'resource-page-public');
    expect(await herPhone.cookies()).toEqual([]);
    expect(await her.evaluate(() => localStorage.length + sessionStorage.length)).toBe(0);

    await her.goto('/resources/not-a-real-token-but-long-enough');
    await expectHeading(her, t('en', 'directory.publicNotFoundTitle'));
    expect(await herPhone.cookies()).toEqual([]);
    await herPhone.close();
  }, 120_000);
});
