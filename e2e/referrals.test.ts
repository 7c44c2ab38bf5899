import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { es, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Rosa and Carmen (the pantry's staff) both work in Spanish. */
const PANTRY = 'Community Food Pantry';
const PARTNER = 'Red Comunitaria';
const PERSON = 'Lupe';

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

const status = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).first().waitFor();
const openTab = (page: Page, label: string) =>
  page
    .getByRole('navigation', { name: es('person.sections') })
    .getByRole('link', { name: label, exact: true })
    .click();

describe('a referral, from a need to “got help”', () => {
  it('Rosa refers in Spanish with consent, the pantry accepts and completes, Rosa sees that the person got help', async () => {
    const rosaPhone = await newPhone(rig.browser, rig.server.url);
    const rosa = await rosaPhone.newPage();
    await rosa.goto('/');
    await signIn(rosa, demo.rosa);

    // A person with consent to be served.
    await rosa.goto('/people/new');
    await rosa.getByLabel(es('people.givenName'), { exact: true }).fill(PERSON);
    await rosa.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await rosa.getByRole('link', { name: es('people.recordConsent') }).click();
    await rosa.getByRole('button', { name: es('person.recordConsent') }).click();
    await status(rosa, es('person.consentSaved'));

    // From the person's referrals, search the directory in Spanish.
    await openTab(rosa, es('referrals.tab'));
    await rosa.getByText(es('referrals.noReferrals', { name: PERSON })).waitFor();
    await rosa.getByRole('link', { name: es('referrals.findService', { name: PERSON }) }).click();
    await expectHeading(rosa, es('referrals.findService', { name: PERSON }));
    await rosa.getByLabel(es('directory.searchLabel')).fill('despensa');
    await rosa.getByRole('button', { name: es('directory.search'), exact: true }).click();
    const pantry = rosa
      .locator('li.resource')
      .filter({ has: rosa.getByRole('heading', { level: 3, name: PANTRY }) });
    await pantry.getByRole('button', { name: es('referrals.referTo', { name: PERSON }) }).click();

    // No consent to share with the pantry yet: the form asks, in Rosa's words, before anything is sent.
    await rosa
      .getByRole('heading', { name: es('referrals.referTitle', { name: PERSON, service: PANTRY }) })
      .waitFor();
    await rosa.getByText(es('referrals.consentMissing', { name: PERSON, partner: PARTNER })).waitFor();
    expect(await rosa.getByRole('button', { name: es('referrals.send') }).isDisabled()).toBe(true);
    await check(rosa, 'referral-form-consent');
    await rosa.getByRole('button', { name: es('referrals.recordConsent') }).click();
    await rosa.getByText(es('referrals.consentOk', { name: PERSON, partner: PARTNER })).waitFor();
    expect(await rosa.getByLabel(es('referrals.need')).inputValue()).toBe('food-insecurity');
    await rosa.getByLabel(es('referrals.reason'), { exact: true }).fill('Se le acaba la comida a fin de mes');
    await rosa.getByLabel(es('referrals.urgency')).selectOption('urgent');
    await rosa.getByRole('button', { name: es('referrals.send') }).click();

    // Back on her referrals: sent, urgent, answered by the pantry in Puente.
    await expectHeading(rosa, PERSON);
    const card = rosa.locator('li.referral').filter({ hasText: PANTRY });
    await card.getByText(es('referrals.status_requested'), { exact: true }).waitFor();
    await card.getByText(es('referrals.partnerAnswers', { partner: PARTNER })).waitFor();
    await check(rosa, 'referral-sent');

    // Carmen, at the pantry, answers from her inbox: accepted, then completed with what Lupe got.
    const carmenPhone = await newPhone(rig.browser, rig.server.url);
    const carmen = await carmenPhone.newPage();
    await carmen.goto('/');
    await signIn(carmen, demo.partner);
    await expectHeading(carmen, es('referrals.inboxTitle'));
    const inboxCard = carmen.locator('li.referral').filter({ hasText: PERSON });
    await inboxCard.getByText('Se le acaba la comida a fin de mes').waitFor();
    await inboxCard.getByText(es('referrals.urgent')).waitFor();
    await check(carmen, 'referral-partner-inbox');
    const answer = async (status: string, fill?: () => Promise<void>) => {
      await inboxCard.getByRole('button', { name: es('referrals.answerNamed', { name: PERSON }) }).click();
      await inboxCard.getByLabel(es('referrals.newStatus')).selectOption(status);
      await fill?.();
      await inboxCard.getByRole('button', { name: es('referrals.save') }).click();
    };
    const statusLine = (card: typeof inboxCard) => card.locator('p.referral-status');
    await answer('accepted');
    await statusLine(inboxCard).getByText(es('referrals.status_accepted'), { exact: true }).waitFor();
    await answer('completed', () =>
      inboxCard.getByLabel(es('referrals.result')).fill('Despensa para el mes y cita para el viernes'),
    );
    // Closed referrals leave the waiting list, and are found under "closed".
    await expect.poll(() => inboxCard.count()).toBe(0);
    await carmen.getByLabel(es('referrals.filterLabel')).selectOption('closed');
    await statusLine(inboxCard).getByText(es('referrals.status_completed'), { exact: true }).waitFor();

    // Rosa sees the loop closed: the person got help, and her Today list told her.
    await rosa.reload();
    await statusLine(card).getByText(es('referrals.status_completed'), { exact: true }).waitFor();
    await card
      .getByText(es('referrals.resultLine', { result: 'Despensa para el mes y cita para el viernes' }))
      .waitFor();
    await card.getByText(es('referrals.history')).click();
    await card
      .getByText(
        es('referrals.eventStatus', { status: es('referrals.status_accepted'), name: 'Carmen Vega' }),
      )
      .waitFor();
    await check(rosa, 'referral-got-help');
    await openFromMenu(rosa, es('nav.today'));
    await rosa
      .getByText(es('referrals.taskUpdate', { partner: PARTNER, status: es('referrals.status_completed') }))
      .waitFor();
    await rosaPhone.close();
    await carmenPhone.close();
  });
});
