import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en, expectAccessible, expectHeading, openFromMenu, screenshot, signIn } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Marcus and the attendees' phones work in English. */

async function check(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}

/** Answers the five statements, one answer label per statement. */
async function answer(page: Page, labels: string[]): Promise<void> {
  for (const [i, label] of labels.entries()) {
    await page.locator('fieldset.question').nth(i).getByLabel(label, { exact: true }).check();
  }
  await page.getByRole('button', { name: en('outreach.checkSubmit') }).click();
}

/** The session code a phone shows after its first answers. */
async function shownCode(page: Page): Promise<string> {
  const heading = page.locator('.session-code');
  await heading.waitFor();
  return (await heading.textContent())?.split(':')[1]?.trim() ?? '';
}

const unsure = Array(5).fill('Not sure');
// Agreeing with the facts and disagreeing with the one myth (statement 2) scores highest.
const best = ['Agree', 'Disagree', 'Agree', 'Agree', 'Agree'];

describe('community education, in the browser', () => {
  it('Marcus runs a talk with a before-and-after check answered on attendees’ own phones, and a sign-up lands in his caseload', async () => {
    const marcusPhone = await newPhone(rig.browser, rig.server.url);
    const marcus = await marcusPhone.newPage();
    await marcus.goto('/');
    await signIn(marcus, demo.marcus);

    await openFromMenu(marcus, en('outreach.navEvents'));
    await expectHeading(marcus, en('outreach.eventsTitle'));
    await check(marcus, 'events');
    await marcus.getByRole('link', { name: en('outreach.newEvent') }).click();
    await expectHeading(marcus, en('outreach.newEventTitle'));
    await marcus.getByLabel(en('outreach.title')).fill('Stress, sleep and when to ask for help');
    await marcus.getByLabel(en('outreach.place')).fill('Central Library, room 2');
    await marcus.getByLabel(en('outreach.audience')).selectOption('youth');
    await check(marcus, 'event-new');
    await marcus.getByRole('button', { name: en('outreach.create') }).click();
    await expectHeading(marcus, 'Stress, sleep and when to ask for help');
    const shortLink = (await marcus.locator('.short-link').textContent()) ?? '';
    const code = shortLink.split('/e/')[1] ?? '';
    expect(code).toMatch(/^[A-Z2-9]{6}$/);
    await check(marcus, 'event');

    // Two attendees answer "before" on their own phones.
    const first = await (await newPhone(rig.browser, rig.server.url)).newPage();
    await first.goto(`/e/${code}`);
    await expectHeading(first, en('outreach.checkBefore'));
    await check(first, 'check-before');
    await answer(first, unsure);
    const firstCode = await shownCode(first);

    const secondPhone = await newPhone(rig.browser, rig.server.url);
    const second = await secondPhone.newPage();
    await second.goto(`/e/${code}`);
    await answer(second, unsure);
    const secondCode = await shownCode(second);
    expect(secondCode).not.toBe(firstCode);
    await secondPhone.close();

    await marcus.getByRole('button', { name: en('outreach.openPost') }).click();
    await marcus.getByRole('button', { name: en('outreach.closeCheck') }).waitFor();

    // The first attendee's phone remembers its code; the second types theirs on another phone.
    await first.getByRole('button', { name: en('outreach.reload') }).click();
    await expectHeading(first, en('outreach.checkAfter'));
    await answer(first, best);
    await first.getByText(en('outreach.checkThanks')).waitFor();

    const borrowed = await (await newPhone(rig.browser, rig.server.url)).newPage();
    await borrowed.goto(`/e/${code}`);
    await expectHeading(borrowed, en('outreach.checkAfter'));
    await borrowed.getByLabel(en('outreach.haveCode')).fill(secondCode.toLowerCase());
    await check(borrowed, 'check-after');
    await answer(borrowed, unsure);
    await borrowed.getByText(en('outreach.checkThanks')).waitFor();

    // The event page shows the change: 50 % before, 75 % after, one of two improved.
    await marcus.getByRole('button', { name: en('outreach.reload') }).click();
    await expect.poll(() => marcus.getByTestId('mean-after').textContent()).toBe('75%');
    expect(await marcus.getByTestId('mean-before').textContent()).toBe('50%');
    expect(await marcus.getByTestId('improved').textContent()).toBe(
      en('outreach.improvedCount', { improved: 1, paired: 2, share: '50%' }),
    );
    await check(marcus, 'event-change');

    // One attendee asked to be contacted: she becomes someone in Marcus's caseload, with consent.
    await marcus.getByLabel(en('outreach.givenName')).fill('Taylor');
    await marcus.getByLabel(en('outreach.familyName')).fill('Brooks');
    await marcus.getByLabel(en('outreach.consent')).check();
    await marcus.getByRole('button', { name: en('outreach.addSignUp') }).click();
    await marcus
      .getByRole('status')
      .filter({ hasText: en('outreach.signUpAdded', { name: 'Taylor Brooks' }) })
      .waitFor();
    await openFromMenu(marcus, en('nav.people'));
    await expectHeading(marcus, en('people.title'));
    await marcus.getByRole('link', { name: /Taylor Brooks/ }).waitFor();

    await openFromMenu(marcus, en('education.navLibrary'));
    await expectHeading(marcus, en('education.libraryTitle'));
    await check(marcus, 'library');
    await marcus.getByRole('link', { name: 'Stress and ways to cope' }).click();
    await expectHeading(marcus, 'Stress and ways to cope');
    await check(marcus, 'topic');
    await marcusPhone.close();
  });

  it('an admin publishes the "find help" page; a visitor reads it signed out and it keeps nothing', async () => {
    const adminPhone = await newPhone(rig.browser, rig.server.url);
    const admin = await adminPhone.newPage();
    await admin.goto('/');
    await signIn(admin, demo.admin);
    await admin.goto('/library');
    await expectHeading(admin, en('education.libraryTitle'));
    await admin.getByLabel(en('education.helpPageSlug')).fill('demo-help');
    await admin.getByLabel(en('education.helpPageEnabled')).check();
    await admin.getByRole('button', { name: en('education.helpPageSave') }).click();
    await admin.getByRole('status').filter({ hasText: '/help/demo-help' }).waitFor();
    await adminPhone.close();

    const visitorPhone = await newPhone(rig.browser, rig.server.url);
    const visitor = await visitorPhone.newPage();
    await visitor.goto('/help/demo-help');
    await expectHeading(visitor, en('education.helpTitle'));
    await visitor.getByRole('link', { name: 'Grief after a loss' }).waitFor();
    await check(visitor, 'help-page');
    await visitor.getByRole('button', { name: 'Español' }).click();
    await expectHeading(visitor, t('es', 'education.helpTitle'));
    await visitor.getByRole('link', { name: 'El duelo después de una pérdida' }).click();
    await expectHeading(visitor, 'El duelo después de una pérdida');
    await check(visitor, 'help-topic');
    expect(await visitorPhone.cookies()).toEqual([]);
    const stored = await visitor.evaluate(() => localStorage.length + sessionStorage.length);
    expect(stored).toBe(0);
    await visitorPhone.close();
  });
});
