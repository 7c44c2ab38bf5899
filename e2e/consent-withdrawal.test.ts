import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Rosa, the person and Carmen at the pantry all speak Spanish. */
const PANTRY = 'Community Food Pantry';
const PERSON = 'Rocío';
const PHONE = '559-555-0142';

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

const openTab = (page: Page, label: string) =>
  page
    .getByRole('navigation', { name: es('person.sections') })
    .getByRole('link', { name: label, exact: true })
    .click();
const status = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).first().waitFor();

describe('a consent to share, and its withdrawal, reach the partner at once', () => {
  it('Rosa shares with food programs only; Carmen sees the minimum; after the withdrawal Carmen sees nothing and the page of services is closed', async () => {
    const rosaPhone = await newPhone(rig.browser, rig.server.url);
    const rosa = await rosaPhone.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);

    // Rocío, with a phone, consents to be served and to share with food programs, the minimum.
    await rosa.goto('/people/new');
    await rosa.getByLabel(es('people.givenName'), { exact: true }).fill(PERSON);
    await rosa.getByLabel(es('people.preferredLanguage')).selectOption('es');
    await rosa.getByRole('button', { name: es('people.moreDetails') }).click();
    await rosa.getByLabel(es('people.phone')).fill(PHONE);
    await rosa.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await rosa.getByRole('link', { name: es('people.recordConsent') }).click();
    const consentForm = rosa.locator('form[aria-labelledby="new-consent-toggle"]');
    await consentForm.getByRole('button', { name: es('person.recordConsent') }).click();
    await status(rosa, es('person.consentSaved'));
    await rosa.getByRole('button', { name: es('person.recordConsent'), expanded: false }).click();
    await consentForm.getByLabel(es('person.consentKind')).selectOption('share');
    await consentForm.getByLabel(es('person.shareWith')).selectOption('category');
    await consentForm.getByLabel(es('person.partnerCategory')).selectOption('food');
    // Only what she agreed to: her name and the referral always; screening results stay unchecked.
    const fieldset = consentForm.getByRole('group', { name: es('person.shareKindsLegend') });
    expect(
      await fieldset.getByRole('checkbox', { name: es('person.shareKind_screening-answer') }).isChecked(),
    ).toBe(false);
    await fieldset.getByRole('checkbox', { name: es('person.shareKind_contact') }).uncheck();
    await check(rosa, 'consent-share-kinds');
    await consentForm.getByRole('button', { name: es('person.recordConsent') }).click();
    await status(rosa, es('person.consentSaved'));

    // She refers Rocío to the pantry and makes her a page of services.
    await openTab(rosa, es('referrals.tab'));
    await rosa.getByRole('link', { name: es('referrals.findService', { name: PERSON }) }).click();
    await rosa.getByLabel(es('directory.searchLabel')).fill('despensa');
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    const pantry = rosa
      .locator('li.resource')
      .filter({ has: rosa.getByRole('heading', { level: 3, name: PANTRY }) });
    await pantry.getByRole('button', { name: es('directory.share'), exact: true }).click();
    const page = pantry.locator('section.private-page');
    await page.getByRole('button', { name: es('directory.pageMake', { name: PERSON }) }).click();
    const link = await page.getByLabel(es('directory.pageLink'), { exact: true }).inputValue();
    await pantry.getByRole('button', { name: es('referrals.referTo', { name: PERSON }) }).click();
    await rosa.getByText(es('referrals.consentOk', { name: PERSON, partner: 'Red Comunitaria' })).waitFor();
    await rosa.getByLabel(es('referrals.reason'), { exact: true }).fill('Le falta comida a fin de mes');
    await rosa.getByRole('button', { name: es('referrals.send') }).click();
    await expectHeading(rosa, PERSON);

    // Carmen sees Rocío's name and the need, and not her phone: the consent did not cover contact.
    const carmenPhone = await newPhone(rig.browser, rig.server.url);
    const carmen = await carmenPhone.newPage();
    await carmen.goto('/');
    await signIn(carmen, demo.partner);
    await expectHeading(carmen, es('referrals.inboxTitle'));
    const card = carmen.locator('li.referral').filter({ hasText: PERSON });
    await card.waitFor();
    expect(await card.textContent()).not.toContain('555');
    await check(carmen, 'partner-inbox-minimum');

    // Rocío changes her mind: Rosa withdraws the consent to share.
    await openTab(rosa, es('person.consent'));
    await rosa
      .getByRole('button', { name: es('person.revokeNamed', { kind: es('vocab.consentKind_share') }) })
      .click();
    await rosa.getByRole('button', { name: es('person.revokeYes') }).click();
    await status(rosa, es('person.revoked'));

    // At once: gone from Carmen's inbox, and the page of services no longer opens.
    await carmen.reload();
    await expectHeading(carmen, es('referrals.inboxTitle'));
    await carmen.getByText(es('referrals.inboxEmpty')).waitFor();
    expect(await carmen.getByText(PERSON).count()).toBe(0);
    await check(carmen, 'partner-inbox-after-withdrawal');
    const herPhone = await newPhone(rig.browser, rig.server.url);
    const her = await herPhone.newPage();
    await her.goto(new URL(link).pathname);
    // A revoked page answers as an ended one: its holder learns nothing more.
    const ended = [t('en', 'directory.publicExpiredTitle'), es('directory.publicExpiredTitle')];
    await her.getByRole('heading', { level: 1, name: new RegExp(ended.join('|')) }).waitFor();
    expect(await her.getByText(PANTRY).count()).toBe(0);
    await Promise.all([rosaPhone.close(), carmenPhone.close(), herPhone.close()]);
  }, 180_000);
});
