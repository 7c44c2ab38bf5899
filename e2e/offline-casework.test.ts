import { cssrs, type MessageKey, phq9, type QuestionnaireItem, textIn } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  enterPin,
  es,
  expectAccessible,
  expectHeading,
  fieldPhone,
  screenshot,
  syncStatus,
  TEST_PIN,
} from './flows.js';
import { demo, useServerAndBrowser } from './harness.js';

// A whole visit with no signal: register, consent, screen to the crisis protocol,
// refer from the directory kept on the phone; then reload, reopen, reconnect.
const rig = useServerAndBrowser();

const PERSON = 'Dolores';
const PANTRY = 'Community Food Pantry';
const PARTNER = 'Red Comunitaria';
const REASON = 'Se le acaba la comida a mitad de mes';

const openTab = (page: Page, label: string) =>
  page
    .getByRole('navigation', { name: es('person.sections') })
    .getByRole('link', { name: label, exact: true })
    .click();

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

async function answer(page: Page, item: QuestionnaireItem | undefined, label: string) {
  if (!item) throw new Error('no such question');
  const group = page.getByRole('group', { name: textIn(item.text, item._text, 'es'), exact: true });
  await group.getByRole('radio', { name: label, exact: true }).check();
}
/** A message with any values in its placeholders, e.g. "… ({count} places, checked {when}) …". */
const pattern = (key: MessageKey) =>
  new RegExp(
    es(key)
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+'),
  );
const byId = (q: { item: QuestionnaireItem[] }, linkId: string) => q.item.find((i) => i.linkId === linkId);
const labelOf = (item: QuestionnaireItem | undefined, code: string) => {
  const option = item?.answerOption?.find((o) => o.valueCoding.code === code);
  return textIn(option?.valueCoding.display, option?.valueCoding._display, 'es');
};

/** What the server holds about the person, read through the API as Rosa, from outside the browser. */
async function onServer(name: string) {
  const rosa = await apiAs(rig.server.url, demo.rosa);
  const get = <T>(path: string) => rosa<T>('GET', path);
  const { clients } = await get<{ clients: { id: string }[] }>(`/api/clients?q=${encodeURIComponent(name)}`);
  const id = clients[0]?.id ?? '';
  const person = await get<{ consents: { kind: string; partnerName: string | null }[] }>(
    `/api/clients/${id}`,
  );
  const { screenings } = await get<{ screenings: { instrument: string }[] }>(`/api/clients/${id}/screenings`);
  const { alerts } = await get<{ alerts: { clientId: string; reason: string }[] }>('/api/alerts');
  const { referrals } = await get<{
    referrals: { serviceName: string; partnerName: string; status: string }[];
  }>(`/api/clients/${id}/referrals`);
  return {
    people: clients.length,
    consents: person.consents.map((k) => `${k.kind}:${k.partnerName ?? ''}`).sort(),
    screenings: screenings.map((s) => s.instrument).sort(),
    alerts: alerts.filter((a) => a.clientId === id).map((a) => a.reason),
    referrals: referrals.map((r) => `${r.serviceName} · ${r.partnerName} · ${r.status}`),
  };
}

describe('a visit with no signal, from registration to referral', () => {
  it('registers, consents, screens to the crisis protocol and refers offline; all of it reaches the server once', async () => {
    // With signal, the phone took what it needs later: the app shell, the questions, the directory.
    const { phone, page } = await fieldPhone(rig, demo.rosa);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('puente.reference') !== null))
      .toBe(true);

    // The signal goes (Playwright cuts it through the DevTools protocol, for the page and its service worker).
    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();

    // Register, and record consent to be served.
    await page.getByRole('link', { name: es('today.register') }).click();
    await page.getByLabel(es('people.givenName'), { exact: true }).fill(PERSON);
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await page.getByRole('link', { name: es('people.recordConsent') }).click();
    await page.getByRole('button', { name: es('person.recordConsent') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('person.consentSaved') })
      .first()
      .waitFor();
    const personPath = new URL(page.url()).pathname.replace(/\/consent$/, '');

    // PHQ-9 with item 9 "several days" leads to the C-SSRS; a high-risk answer opens the protocol.
    await openTab(page, es('screening.tab'));
    await page.getByRole('link', { name: textIn(phq9.title, phq9._title, 'es') }).click();
    const never = labelOf(byId(phq9, 'phq9-1'), 'LA6568-5');
    for (let i = 1; i <= 8; i++) await answer(page, byId(phq9, `phq9-${i}`), never);
    await answer(page, byId(phq9, 'phq9-9'), labelOf(byId(phq9, 'phq9-9'), 'LA6569-3'));
    await page.getByRole('button', { name: es('screening.finish') }).click();
    await expectHeading(page, textIn(cssrs.title, cssrs._title, 'es'));
    for (const n of [1, 2, 3, 4]) await answer(page, byId(cssrs, `cssrs-${n}`), 'Sí');
    for (const n of [5, 6]) await answer(page, byId(cssrs, `cssrs-${n}`), 'No');
    await page.getByRole('button', { name: es('screening.finish') }).click();
    await expectHeading(page, es('crisis.title'));
    // The alert to the on-call supervisor waits on the phone, and goes first when the signal is back.
    await page.getByText(es('crisis.alertQueued')).waitFor();
    await check(page, 'offline-casework-crisis');

    // Both screens are on the person's page from the phone's copy, scored by the phone.
    await page.goto(`${personPath}/screening`);
    await expectHeading(page, PERSON);
    await expect.poll(() => page.getByText(es('screening.waitingToSend')).count()).toBe(2);
    await page.getByText(es('screening.savedLater')).waitFor();
    await check(page, 'offline-casework-screens');

    // Find the pantry in the directory kept on the phone, in Spanish.
    await openTab(page, es('referrals.tab'));
    await page.getByRole('link', { name: es('referrals.findService', { name: PERSON }) }).click();
    await expectHeading(page, es('referrals.findService', { name: PERSON }));
    await page.getByText(pattern('directory.offlineCopy')).waitFor();
    await page.getByLabel(es('directory.searchLabel')).fill('despensa');
    await page.getByRole('button', { name: es('directory.search'), exact: true }).click();
    const pantry = page
      .locator('li.resource')
      .filter({ has: page.getByRole('heading', { level: 3, name: PANTRY }) });
    await pantry.waitFor();
    await check(page, 'offline-casework-directory');
    await pantry.getByRole('button', { name: es('referrals.referTo', { name: PERSON }) }).click();

    // No consent to share with the pantry: asked and recorded on the phone, then the referral is queued.
    await page.getByText(es('referrals.consentMissing', { name: PERSON, partner: PARTNER })).waitFor();
    await page.getByRole('button', { name: es('referrals.recordConsent') }).click();
    await page.getByText(es('referrals.consentOk', { name: PERSON, partner: PARTNER })).waitFor();
    await page.getByLabel(es('referrals.reason'), { exact: true }).fill(REASON);
    await page.getByRole('button', { name: es('referrals.send') }).click();
    await expectHeading(page, PERSON);
    const card = page.locator('li.referral').filter({ hasText: PANTRY });
    await card.getByText(es('referrals.waitingToSend')).waitFor();
    // Registration, two consents, two screens, the alert, the referral.
    await syncStatus(page)
      .getByText(es('sync.pending', { count: 7 }))
      .waitFor();
    await check(page, 'offline-casework-referral-waiting');

    // A reload, still offline: the shell from the service worker, the work from the phone.
    await page.reload();
    await expectHeading(page, PERSON);
    await card.getByText(es('referrals.waitingToSend')).waitFor();

    // Opening Puente again: the PIN is asked, and everything is still there.
    await page.close();
    const reopened = await phone.newPage();
    await reopened.goto(`${personPath}/referrals`);
    await expectHeading(reopened, es('sync.pinUnlockTitle'));
    await enterPin(reopened, TEST_PIN);
    await expectHeading(reopened, PERSON);
    const again = reopened.locator('li.referral').filter({ hasText: PANTRY });
    await again.getByText(es('referrals.waitingToSend')).waitFor();
    await syncStatus(reopened)
      .getByText(es('sync.pending', { count: 7 }))
      .waitFor();

    // The signal returns: everything goes, once, and the card becomes the server's.
    await phone.setOffline(false);
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor({ timeout: 30_000 });
    const expected = {
      people: 1,
      consents: ['service:', `share:${PARTNER}`],
      screenings: [cssrs.url, phq9.url].sort(),
      // The alert the protocol queued went first; both screens joined it rather than raising their own.
      alerts: ['chw-judgement'],
      referrals: [`${PANTRY} · ${PARTNER} · requested`],
    };
    expect(await onServer(PERSON)).toEqual(expected);
    await reopened.reload();
    await again.getByText(es('referrals.partnerAnswers', { partner: PARTNER })).waitFor();
    expect(await again.getByText(es('referrals.waitingToSend')).count()).toBe(0);

    // Another round sends nothing twice.
    await syncStatus(reopened)
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor();
    expect(await onServer(PERSON)).toEqual(expected);
    await phone.close();
  }, 240_000);

  it('withdraws a consent with no signal: withdrawn on the phone at once, on the server at reconnection', async () => {
    const { phone, page } = await fieldPhone(rig, demo.rosa);
    // Rebeca agreed to be served and to get texts, recorded with signal.
    const id = await page.evaluate(async () => {
      const post = (path: string, body: unknown) =>
        fetch(path, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
          body: JSON.stringify(body),
        });
      const made = await post('/api/clients', {
        givenName: 'Rebeca',
        preferredLanguage: 'es',
        notADuplicate: true,
      });
      const { id } = (await made.json()) as { id: string };
      const givenOn = new Date().toLocaleDateString('en-CA');
      for (const kind of ['service', 'text'])
        await post(`/api/clients/${id}/consents`, { kind, method: 'verbal', givenOn });
      return id;
    });
    await syncStatus(page)
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(page).getByText(es('sync.synced')).waitFor();

    // Out of signal, she says she no longer wants texts.
    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await page.goto(`/people/${id}/consent`);
    await expectHeading(page, 'Rebeca');
    const text = es('vocab.consentKind_text');
    await page.getByRole('button', { name: es('person.revokeNamed', { kind: text }) }).click();
    await page.getByRole('button', { name: es('person.revokeYes') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: es('person.revoked') })
      .waitFor();
    const listUnder = (heading: MessageKey) =>
      page.getByRole('heading', { level: 3, name: es(heading) }).locator('xpath=following-sibling::ul[1]');
    await listUnder('person.consentRevoked').getByText(text).waitFor();
    expect(await listUnder('person.consentCurrent').getByText(text).count()).toBe(0);
    await syncStatus(page).getByText(es('sync.pendingOne')).waitFor();
    await check(page, 'offline-consent-withdrawn');

    await phone.setOffline(false);
    await syncStatus(page).getByText(es('sync.synced')).waitFor({ timeout: 30_000 });
    const rosa = await apiAs(rig.server.url, demo.rosa);
    const person = await rosa<{ consents: { kind: string; revokedAt: string | null }[] }>(
      'GET',
      `/api/clients/${id}`,
    );
    expect(person.consents.map((k) => [k.kind, k.revokedAt !== null]).sort()).toEqual([
      ['service', false],
      ['text', true],
    ]);
    await phone.close();
  }, 120_000);
});
