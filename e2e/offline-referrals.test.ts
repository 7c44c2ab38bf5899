import { localDate, type ReferralDetail, type ReferralSettings } from '@puente/core';
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

// Following up referrals with no signal: a try to reach the person and a move,
// kept on the phone through a reload and a PIN, sent once when the signal returns;
// and a move the partner's answer overtook, refused in plain words. The card counts
// tries against the program's own number, and says the history waits for signal.
const rig = useServerAndBrowser();

const PERSON = 'Inés';
const PANTRY = 'Community Food Pantry';
const POWER = 'Ayuda con la Luz (LIHEAP)';
const PARTNER = 'Red Comunitaria';
const CANCELLED_WHY = 'Su hermana ya le lleva comida';
const statusLine = (card: ReturnType<Page['locator']>) => card.locator('p.referral-status');
const historyToggle = (card: ReturnType<Page['locator']>) =>
  card.locator('summary', { hasText: es('referrals.history') });
/** The program's tries before "could not contact", set apart from the default (3) so the card shows whose it is. */
const TRIES = 4;

type Api = Awaited<ReturnType<typeof apiAs>>;

/** With signal, on another device: Rosa refers the person to two services of the same partner. */
async function referTwice(rosa: Api) {
  const person = await rosa<{ id: string }>('POST', '/api/clients', {
    givenName: PERSON,
    preferredLanguage: 'es',
  });
  const givenOn = localDate(new Date(), 'America/Los_Angeles');
  for (const consent of [{ kind: 'service' }, { kind: 'share', partnerName: PARTNER }]) {
    await rosa('POST', `/api/clients/${person.id}/consents`, { ...consent, method: 'verbal', givenOn });
  }
  const refer = async (q: string, name: string, need: string) => {
    const found = await rosa<{ results: { serviceId: string; name: string }[] }>(
      'GET',
      `/api/directory/search?q=${encodeURIComponent(q)}`,
    );
    const serviceId = found.results.find((r) => r.name === name)?.serviceId ?? '';
    serviceIds.push(serviceId);
    return (
      await rosa<{ id: string }>('POST', `/api/clients/${person.id}/referrals`, {
        serviceId,
        need,
        reason: 'Le cuesta llegar a fin de mes',
      })
    ).id;
  };
  const serviceIds: string[] = [];
  const referred = {
    clientId: person.id,
    pantry: await refer('despensa', PANTRY, 'food-insecurity'),
    power: await refer('luz', POWER, 'utility-insecurity'),
  };
  // Carmen answers for both services of the network in this story (the demo links her to the pantry only).
  const admin = await apiAs(rig.server.url, demo.admin);
  const { partners } = await admin<{ partners: { userId: string; email: string }[] }>('GET', '/api/partners');
  const carmen = partners.find((p) => p.email === demo.partner)?.userId;
  await admin('PUT', `/api/partners/${carmen}/services`, { serviceIds });
  return referred;
}

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

describe('referral follow-up with no signal', () => {
  it('logs tries and cancels offline, keeps them through the PIN, sends each once, and says why an overtaken cancel was refused', async () => {
    const admin = await apiAs(rig.server.url, demo.admin);
    const rules = await admin<ReferralSettings>('GET', '/api/referrals/settings');
    await admin('PUT', '/api/referrals/settings', { ...rules, attemptsBeforeUnreachable: TRIES });
    const rosa = await apiAs(rig.server.url, demo.rosa);
    const ids = await referTwice(rosa);
    const { phone, page } = await fieldPhone(rig, demo.rosa);
    const personPath = `/people/${ids.clientId}/referrals`;
    await page.goto(personPath);
    await expectHeading(page, PERSON);
    const pantry = page.locator('li.referral').filter({ hasText: PANTRY });
    const power = page.locator('li.referral').filter({ hasText: POWER });
    await pantry.getByText(es('referrals.partnerAnswers', { partner: PARTNER })).waitFor();
    const logTry = async (result: string) => {
      await pantry
        .getByRole('button', { name: es('referrals.logAttemptNamed', { service: PANTRY }) })
        .click();
      await pantry.getByLabel(es('referrals.attemptResult')).selectOption(result);
      await pantry.getByRole('button', { name: es('referrals.save') }).click();
    };

    // With signal, a message left goes straight to the server: nothing waits, and the history has it.
    await logTry('left-message');
    await pantry.getByText(es('referrals.failedAttempts', { count: 1, required: TRIES })).waitFor();
    await syncStatus(page).getByText(es('sync.synced')).waitFor();
    expect(await pantry.getByText(es('referrals.changeWaiting')).count()).toBe(0);
    await historyToggle(pantry).click();
    await pantry.locator('ol.history li', { hasText: es('referrals.contactResult_left-message') }).waitFor();
    await historyToggle(pantry).click();

    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();

    // A call nobody answered: it counts on the card at once, against the program's number, and waits to be sent.
    await logTry('no-answer');
    await pantry.getByText(es('referrals.failedAttempts', { count: 2, required: TRIES })).waitFor();
    await pantry.getByText(es('referrals.changeWaiting')).waitFor();

    // Opened again without signal, the card still counts against the program's number: the phone holds it.
    const tab = (name: string) =>
      page.getByRole('navigation', { name: es('person.sections') }).getByRole('link', { name, exact: true });
    await tab(es('person.visits')).click();
    await pantry.waitFor({ state: 'detached' });
    await tab(es('referrals.tab')).click();
    await pantry.getByText(es('referrals.failedAttempts', { count: 2, required: TRIES })).waitFor();

    // The history lives on the server: the card says it shows with signal, and no error is raised.
    await historyToggle(pantry).click();
    await pantry.getByText(es('referrals.historyNeedsSignal')).waitFor();
    await statusLine(pantry).getByText(es('referrals.status_requested'), { exact: true }).waitFor();
    expect(await pantry.locator('.alert-title').count()).toBe(0);

    // Then the person says the pantry is no longer needed: cancelled, with why.
    const cancel = async (card: typeof pantry, service: string) => {
      await card.getByRole('button', { name: es('referrals.updateNamed', { service }) }).click();
      await card.getByLabel(es('referrals.newStatus')).selectOption('cancelled');
      await card.getByLabel(es('referrals.statusReason')).fill(CANCELLED_WHY);
      await card.getByRole('button', { name: es('referrals.save') }).click();
      await statusLine(card)
        .getByText(
          es('referrals.statusWithReason', {
            status: es('referrals.status_cancelled'),
            reason: CANCELLED_WHY,
          }),
        )
        .waitFor();
    };
    await cancel(pantry, PANTRY);
    await pantry.getByText(es('referrals.changeWaiting')).waitFor();
    // Closed: no more tries to log on it.
    expect(
      await pantry
        .getByRole('button', { name: es('referrals.logAttemptNamed', { service: PANTRY }) })
        .count(),
    ).toBe(0);

    // The other referral is cancelled too, while the pantry, on its side, has already helped.
    await cancel(power, POWER);
    const carmen = await apiAs(rig.server.url, demo.partner);
    for (const status of ['accepted', 'completed']) {
      await carmen('POST', `/api/partner/referrals/${ids.power}/status`, { status });
    }
    await syncStatus(page)
      .getByText(es('sync.pending', { count: 3 }))
      .waitFor();
    await check(page, 'offline-referral-waiting');

    // Opening Puente again, still offline: the PIN is asked, and the changes still wait.
    await page.close();
    const reopened = await phone.newPage();
    await reopened.goto(personPath);
    await expectHeading(reopened, es('sync.pinUnlockTitle'));
    await enterPin(reopened, TEST_PIN);
    await expectHeading(reopened, PERSON);
    const again = reopened.locator('li.referral').filter({ hasText: PANTRY });
    await again.getByText(es('referrals.changeWaiting')).waitFor();
    await statusLine(again).getByText(es('referrals.status_cancelled'), { exact: false }).waitFor();
    await syncStatus(reopened)
      .getByText(es('sync.pending', { count: 3 }))
      .waitFor();

    // The signal returns: the try and the cancel arrive once; the overtaken cancel is refused, in words.
    await phone.setOffline(false);
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor({ timeout: 30_000 });
    await syncStatus(reopened)
      .getByText(es('sync.rejectedOne', { reason: es('errors.referralStatusNotAllowed') }))
      .waitFor();
    const history = async (id: string) =>
      (await rosa<ReferralDetail>('GET', `/api/referrals/${id}`)).events.map(
        (e) => `${e.kind}:${e.status ?? e.contactResult ?? ''}`,
      );
    const expected = {
      pantry: [
        'created:requested',
        'contact-attempt:left-message',
        'contact-attempt:no-answer',
        'status:cancelled',
      ],
      power: ['created:requested', 'status:accepted', 'status:completed'],
    };
    expect({ pantry: await history(ids.pantry), power: await history(ids.power) }).toEqual(expected);
    // The phone's copy is the server's again: the pantry's help shows where the refused cancel was.
    const powerNow = reopened.locator('li.referral').filter({ hasText: POWER });
    await statusLine(powerNow).getByText(es('referrals.status_completed'), { exact: true }).waitFor();
    expect(await reopened.getByText(es('referrals.changeWaiting')).count()).toBe(0);
    await check(reopened, 'offline-referral-refused');

    // Another round sends nothing twice.
    await syncStatus(reopened)
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor();
    expect({ pantry: await history(ids.pantry), power: await history(ids.power) }).toEqual(expected);
    await phone.close();
  }, 240_000);
});
