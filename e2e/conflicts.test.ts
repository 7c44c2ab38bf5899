import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { apiAs, en, es, expectAccessible, expectHeading, fieldPhone, screenshot } from './flows.js';
import { demo, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** Rosa works in Spanish, Daniel in English. */

const syncStatus = (page: Page, label: string) => page.getByRole('region', { name: label });

/** Changes the person's phone number through the details form, as a CHW would. */
async function changePhone(page: Page, path: string, number: string, say: typeof en): Promise<void> {
  await page.goto(`${path}/details`);
  const field = page.getByLabel(say('people.phone'), { exact: true });
  await field.fill(number);
  await page.getByRole('button', { name: say('person.editDetails') }).click();
  await page.getByText(say('person.detailsSaved')).waitFor();
}

/** Registers a person from the page with signal, as the app does online; returns their id. */
const registerWithSignal = (page: Page, givenName: string) =>
  page.evaluate(async (name) => {
    const reply = await fetch('/api/clients', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ givenName: name, preferredLanguage: 'es', notADuplicate: true }),
    });
    return ((await reply.json()) as { id: string }).id;
  }, givenName);

describe('changes to check', () => {
  it('tells Rosa in plain words whose phone number was kept, and lets her take hers back', async () => {
    const rosa = await fieldPhone(rig, demo.rosa);
    // A person in Rosa's caseload, whom her supervisor Daniel sees too.
    const id = await registerWithSignal(rosa.page, 'Celia');
    const path = `/people/${id}`;
    await syncStatus(rosa.page, es('sync.statusLabel'))
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(rosa.page, es('sync.statusLabel')).getByText(es('sync.synced')).waitFor();
    const daniel = await fieldPhone(rig, demo.supervisor, 'en');

    // Both go out of signal and change Celia's phone number: Rosa first, then Daniel.
    await rosa.phone.setOffline(true);
    await daniel.phone.setOffline(true);
    await changePhone(rosa.page, path, '213 555 0111', es);
    await changePhone(daniel.page, path, '213 555 0122', en);
    // Daniel's change reaches the server first; Rosa's, older, arrives after it and loses.
    await daniel.phone.setOffline(false);
    await syncStatus(daniel.page, en('sync.statusLabel')).getByText(en('sync.synced')).waitFor();
    await rosa.phone.setOffline(false);
    const status = syncStatus(rosa.page, es('sync.statusLabel'));
    await status.getByText(es('sync.synced')).waitFor();

    await status.getByRole('link', { name: es('conflicts.countOne') }).click();
    await expectHeading(rosa.page, es('conflicts.title'));
    const story = rosa.page.getByText(es('conflicts.kept', { value: '«+12135550122»' }));
    await story.waitFor();
    await rosa.page
      .getByText(/usted cambió el teléfono a «\+12135550111», pero Daniel Ortiz había puesto «\+12135550122»/)
      .waitFor();
    await screenshot(rosa.page, 'conflicts-es');
    await expectAccessible(rosa.page, 'changes to check');

    // With the keyboard: Rosa takes her number back.
    const use = rosa.page.getByRole('button', { name: es('conflicts.use', { value: '«+12135550111»' }) });
    await use.focus();
    await rosa.page.keyboard.press('Enter');
    await rosa.page
      .getByRole('status')
      .filter({
        hasText: es('conflicts.done', {
          name: 'Celia',
          field: es('conflicts.field_phone'),
          value: '«+12135550111»',
        }),
      })
      .waitFor();
    await rosa.page.getByText(es('conflicts.noneTitle')).waitFor();
    await expect.poll(() => rosa.page.evaluate(() => document.activeElement?.id)).toBe('page-heading');

    // Her phone and the server hold her number; nothing is left to check for Daniel either.
    await status.getByText(es('sync.synced')).waitFor();
    await rosa.page.goto(`${path}/details`);
    await expect
      .poll(() => rosa.page.getByLabel(es('people.phone'), { exact: true }).inputValue())
      .toBe('+12135550111');
    const left = await daniel.page.evaluate(async () => {
      const reply = await fetch('/api/sync/conflicts');
      return ((await reply.json()) as { conflicts: { clientId: string }[] }).conflicts;
    });
    expect(left.filter((c) => c.clientId === id)).toEqual([]);
    await rosa.phone.close();
    await daniel.phone.close();
  });

  it('shows on the open person’s page what Daniel wrote elsewhere, after the next sync, without leaving it', async () => {
    const rosa = await fieldPhone(rig, demo.rosa);
    const id = await registerWithSignal(rosa.page, 'Noemí');
    const status = syncStatus(rosa.page, es('sync.statusLabel'));
    await status.getByRole('button', { name: es('sync.syncNow') }).click();
    await status.getByText(es('sync.synced')).waitFor();
    await rosa.page.goto(`/people/${id}/visits`);
    await expectHeading(rosa.page, 'Noemí');

    // Daniel, her supervisor, records a call from his own computer.
    const daniel = await apiAs(rig.server.url, demo.supervisor);
    await daniel('POST', `/api/clients/${id}/encounters`, {
      kind: 'phone-call',
      occurredAt: new Date().toISOString(),
      language: 'es',
      note: 'Daniel habló con la familia de Noemí.',
    });
    await status.getByRole('button', { name: es('sync.syncNow') }).click();
    await rosa.page.getByText('Daniel habló con la familia de Noemí.').waitFor();
    await rosa.phone.close();
  });
});
