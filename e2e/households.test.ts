import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiAs,
  es,
  expectAccessible,
  expectHeading,
  fieldPhone,
  openFromMenu,
  screenshot,
  syncStatus,
} from './flows.js';
import { demo, useServerAndBrowser } from './harness.js';

// A promotora's household visit in Spanish at 360×740: from the person to their household, a new
// member registered from it, and one visit for two of them written with no signal.
const rig = useServerAndBrowser();

const HEAD = 'Marta Ríos';
const ADDRESS = '12 Calle Cinco, Salinas, CA';
const CHILD = 'Lucía';

interface Person {
  id: string;
  displayName: string;
  encounters: { kind: string }[];
}

const status = (page: Page, text: string) =>
  page.getByRole('status').filter({ hasText: text }).first().waitFor();

describe('households', () => {
  it('opens the household from a person, registers a member into it, and records one offline visit for two, and moves someone from another household only when asked', async () => {
    const rosa = await apiAs(rig.server.url, demo.rosa);
    const head = await rosa<Person>('POST', '/api/clients', {
      givenName: 'Marta',
      familyName: 'Ríos',
      gender: 'mujer',
      preferredLanguage: 'es',
      address: ADDRESS,
    });
    await rosa('POST', '/api/clients', { givenName: 'Tomás', preferredLanguage: 'es', gender: 'hombre' });
    await rosa('POST', '/api/clients', { givenName: 'Inés', preferredLanguage: 'es' });
    const { phone, page } = await fieldPhone(rig, demo.rosa);

    // From the person's page to their household: none yet, so she starts one as its head.
    await openFromMenu(page, es('nav.people'));
    await page.getByRole('link', { name: HEAD }).click();
    await expectHeading(page, HEAD);
    await page.getByRole('link', { name: es('households.link'), exact: true }).click();
    await expectHeading(page, es('households.link'));
    await page.getByRole('button', { name: es('households.start', { name: HEAD }) }).click();
    await expectHeading(page, es('households.title', { name: HEAD }));
    await page.getByText(es('households.empty')).waitFor();
    const members = page.locator('ul.rows > li');
    await expect
      .poll(() => members.allInnerTexts())
      .toEqual([expect.stringContaining(es('households.rel_head_f'))]);
    await page.getByRole('link', { name: ADDRESS }).waitFor();
    await expectAccessible(page, 'household of one');

    // "Register a member": the household's address is filled in, the relationship chosen, and back to the household.
    await page.getByRole('link', { name: es('households.registerMember') }).click();
    await expectHeading(page, es('people.registerTitle'));
    expect(await page.getByLabel(es('people.address')).inputValue()).toBe(ADDRESS);
    await page.getByLabel(es('people.givenName'), { exact: true }).fill(CHILD);
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    // Without a relationship the form says what is missing and sends nothing.
    await page.getByText(es('fields.required')).waitFor();
    await page.getByLabel(es('households.relationshipToHead', { name: HEAD })).selectOption('child');
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await expectHeading(page, es('households.title', { name: HEAD }));
    await expect
      .poll(() => members.allInnerTexts())
      .toEqual([
        expect.stringContaining(es('households.rel_head_f')),
        // Her gender was not given: the words assume none.
        expect.stringContaining(`${es('households.rel_child')} · ${es('households.ageUnknown')}`),
      ]);
    expect(await page.getByText(es('households.empty')).count()).toBe(0);
    await expectAccessible(page, 'household');
    await screenshot(page, 'household');

    // No signal: one visit for both, written once.
    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await page.getByRole('button', { name: es('households.recordVisit') }).click();
    const present = page.getByRole('group', { name: es('households.whoWasThere') });
    await present.getByLabel(HEAD).check();
    await present.getByLabel(CHILD).check();
    await expectAccessible(page, 'household visit form');
    await page.getByRole('button', { name: es('person.saveVisit') }).click();
    await status(page, es('households.visitSavedOffline', { count: 2 }));
    await syncStatus(page).getByText(es('sync.pendingOne')).waitFor();

    // Each one's history shows it already, from the phone's copy.
    await page.getByRole('link', { name: CHILD }).click();
    await expectHeading(page, CHILD);
    await page.getByRole('heading', { level: 2, name: es('person.visits') }).waitFor();
    await expect.poll(() => page.locator('ul.rows > li').count()).toBe(1);

    // Signal again: the one change is sent, and the server holds a visit on each history.
    await phone.setOffline(false);
    await syncStatus(page).getByText(es('sync.synced')).waitFor({ timeout: 30_000 });
    const { clients } = await rosa<{ clients: { id: string; displayName: string }[] }>(
      'GET',
      `/api/clients?q=${encodeURIComponent(CHILD)}`,
    );
    const child = clients.find((c) => c.displayName === CHILD);
    for (const id of [head.id, child?.id ?? '']) {
      const person = await rosa<Person>('GET', `/api/clients/${id}`);
      expect(person.encounters.map((e) => e.kind)).toEqual(['home-visit']);
    }
    await page.goBack();
    await expectHeading(page, es('households.title', { name: HEAD }));
    await expect
      .poll(() => members.allInnerTexts())
      .toEqual([
        expect.not.stringContaining(es('households.noContact')),
        expect.not.stringContaining(es('households.noContact')),
      ]);

    // Someone from the caseload joins Marta's household; asked into Inés's, he is refused until moved.
    await page.getByRole('button', { name: es('households.addExisting') }).click();
    await page.getByLabel(es('households.person'), { exact: true }).selectOption({ label: 'Tomás' });
    await page.getByLabel(es('households.relationshipToHead', { name: HEAD })).selectOption('sibling');
    await page.getByRole('button', { name: es('households.add') }).click();
    await status(page, es('households.added', { name: 'Tomás' }));
    await members.filter({ hasText: 'Tomás' }).getByText(es('households.rel_sibling_m')).waitFor();

    await openFromMenu(page, es('nav.people'));
    await page.getByRole('link', { name: 'Inés' }).click();
    await page.getByRole('link', { name: es('households.link'), exact: true }).click();
    await page.getByRole('button', { name: es('households.start', { name: 'Inés' }) }).click();
    await expectHeading(page, es('households.title', { name: 'Inés' }));
    await page.getByRole('button', { name: es('households.addExisting') }).click();
    await page.getByLabel(es('households.person'), { exact: true }).selectOption({ label: 'Tomás' });
    await page.getByLabel(es('households.relationshipToHead', { name: 'Inés' })).selectOption('cousin');
    await page.getByRole('button', { name: es('households.add') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: es('households.inAnother') })
      .waitFor();
    await expectAccessible(page, 'household move offered');
    await page.getByRole('button', { name: es('households.moveHere') }).click();
    await status(page, es('households.added', { name: 'Tomás' }));
    await members.filter({ hasText: 'Tomás' }).getByText(es('households.rel_cousin_m')).waitFor();
    await phone.close();
  });
});
