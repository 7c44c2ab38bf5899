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

const rig = useServerAndBrowser();

const ANA_ADDRESS = '350 Main St, Salinas, CA';

/** Rosa's caseload, registered from her other device: two never contacted, one seen today. */
async function threePeople(): Promise<void> {
  const rosa = await apiAs(rig.server.url, demo.rosa);
  await rosa('POST', '/api/clients', {
    givenName: 'Ana',
    familyName: 'Quintero',
    preferredLanguage: 'es',
    neighborhood: 'El Centro',
    address: ANA_ADDRESS,
  });
  await rosa('POST', '/api/clients', {
    givenName: 'Beatriz',
    familyName: 'Lomas',
    preferredLanguage: 'en',
    neighborhood: 'Alisal',
  });
  const carla = await rosa<{ id: string }>('POST', '/api/clients', {
    givenName: 'Carla',
    familyName: 'Nieves',
    preferredLanguage: 'en',
    neighborhood: 'Alisal',
  });
  await rosa('POST', `/api/clients/${carla.id}/encounters`, {
    kind: 'home-visit',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    language: 'en',
  });
}

describe('caseload sort and filters', () => {
  it('filters on the phone, keeps the filters in the address offline across reload and navigation, and opens addresses in maps', async () => {
    await threePeople();
    const { phone, page } = await fieldPhone(rig, demo.rosa);
    await openFromMenu(page, es('nav.people'));
    await expectHeading(page, es('people.title'));
    const rows = page.locator('ul.rows > li');
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByLabel(es('people.sortLabel')).selectOption('name');
    await page.locator('details.caseload-filters > summary').click();
    await page.getByLabel(es('people.filterLanguage')).selectOption('en');
    await page.getByLabel(es('people.filterQuiet')).selectOption('30');
    const matchLine = page.locator('.match-line');
    await matchLine.getByText(es('people.matchOne')).waitFor();
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Beatriz Lomas')]);
    const search = new URL(page.url()).searchParams;
    expect(Object.fromEntries(search)).toEqual({ sort: 'name', lang: 'en', quiet: '30' });
    await expectAccessible(page, 'caseload filtered');
    await screenshot(page, 'caseload-filters');

    // No signal: a reload comes from the service worker and the phone's copy, the filters from the address.
    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await page.reload();
    await expectHeading(page, es('people.title'));
    await matchLine.getByText(es('people.matchOne')).waitFor();
    expect(await page.getByLabel(es('people.filterLanguage')).inputValue()).toBe('en');
    expect(await page.getByLabel(es('people.filterQuiet')).inputValue()).toBe('30');
    expect(await page.getByLabel(es('people.sortLabel')).inputValue()).toBe('name');
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Beatriz Lomas')]);

    // To the person and back (the page's own link, then the browser's back): the same list.
    await page.getByRole('link', { name: 'Beatriz Lomas' }).click();
    await expectHeading(page, 'Beatriz Lomas');
    await page.getByRole('link', { name: es('person.backToPeople') }).click();
    await matchLine.getByText(es('people.matchOne')).waitFor();
    await page.getByRole('link', { name: 'Beatriz Lomas' }).click();
    await expectHeading(page, 'Beatriz Lomas');
    await page.goBack();
    await matchLine.getByText(es('people.matchOne')).waitFor();
    await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining('Beatriz Lomas')]);

    // Nothing matches: a plain empty state, and one tap clears every filter.
    await page.getByLabel(es('people.filterRisk')).check();
    await expectSubheading(page, es('people.noFilterMatchTitle'));
    await page
      .getByRole('button', { name: es('people.clearFilters') })
      .first()
      .click();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await matchLine.count()).toBe(0);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ sort: 'name' });
    await expectAccessible(page, 'caseload cleared');

    // An address opens in the maps app, with a tap target of at least 44×44 px.
    await page.getByRole('link', { name: 'Ana Quintero' }).click();
    await expectHeading(page, 'Ana Quintero');
    const map = page.getByRole('link', { name: ANA_ADDRESS });
    expect(await map.getAttribute('href')).toBe(
      `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(ANA_ADDRESS)}`,
    );
    const box = await map.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(44);
    expect(box?.width).toBeGreaterThanOrEqual(44);
    await phone.close();
  });
});

/** Waits for an empty state's (or a section's) heading. */
async function expectSubheading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 2, name: text }).waitFor();
}
