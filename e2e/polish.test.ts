import type { Locale } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enterPin, es, screenshot, signIn, TEST_PIN } from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';
import { type Blemish, blemishes } from './polish.js';

const rig = useServerAndBrowser();

/** Waits for the screen opened to show its heading and settle (nothing marked busy). */
async function settled(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.first().waitFor();
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, {
    timeout: 10_000,
  });
  await page.waitForTimeout(150);
  return ((await heading.first().textContent()) ?? '').trim();
}

/** Signs `email` in, switches them to Spanish as the account screen would, and opens the app again. */
async function inSpanish(email: string): Promise<Page> {
  const phone = await newPhone(rig.browser, rig.server.url);
  const page = await phone.newPage();
  await page.goto('/');
  await signIn(page, email);
  // Rosa works in Spanish already: her first sync goes on undisturbed.
  if (await page.evaluate(() => document.documentElement.lang === 'es')) return page;
  const saved = await page.request.put('/api/me/preferences', {
    data: { locale: 'es' },
    headers: { 'sec-fetch-site': 'same-origin' },
  });
  expect(saved.status()).toBe(200);
  await page.reload();
  const pin = page.locator('#pin');
  await Promise.race([page.getByRole('navigation').waitFor(), pin.waitFor()]);
  if (await pin.isVisible()) await enterPin(page, TEST_PIN);
  await page.getByRole('navigation').waitFor();
  await page.waitForFunction(() => document.documentElement.lang === 'es');
  return page;
}

/** Every screen in the menu, opened as a person would, and what each shows wrong. */
async function walkMenu(page: Page, who: string, locale: Locale): Promise<Blemish[]> {
  const nav = page.getByRole('navigation');
  const names = (await nav.getByRole('link').allTextContents()).map((n) => n.trim()).filter(Boolean);
  expect(names.length, `${who}: the menu has screens`).toBeGreaterThan(0);
  const found: Blemish[] = [];
  for (const name of names) {
    await nav.getByRole('link', { name, exact: true }).first().click();
    const heading = await settled(page);
    const screen = `${who} · ${heading}`;
    await screenshot(page, `polish-${who}-${name.replace(/\W+/g, '-')}`);
    found.push(...(await blemishes(page, screen, locale)));
  }
  return found;
}

const report = (found: Blemish[]) => found.map((b) => `${b.screen}: ${b.what}`).join('\n');

describe('every screen, in Spanish at 360 px: no English, no tap target under 44 px, no sideways scroll at 100 % and 150 % text', () => {
  for (const [who, email] of Object.entries(demo)) {
    it(`${who}'s screens`, async () => {
      const page = await inSpanish(email);
      const found = await walkMenu(page, who, 'es');
      if (who === 'rosa') {
        // Registering someone (the demo's caseloads start empty), then the person's page and each of its sections.
        await page.getByRole('navigation').getByRole('link').nth(1).click();
        await settled(page);
        await page.locator('main a[href="/people/new"]').first().click();
        await settled(page);
        await page.getByRole('button', { name: es('people.moreDetails') }).click();
        found.push(...(await blemishes(page, 'rosa · people.registerTitle', 'es')));
        await page.getByLabel(es('people.givenName'), { exact: true }).fill('Ernesto');
        await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
        await page.getByText(es('people.registered', { name: 'Ernesto' })).waitFor();
        found.push(...(await blemishes(page, 'rosa · people.registered', 'es')));
        await page.getByRole('link', { name: es('people.later') }).click();
        await settled(page);
        const tabs = page.locator('main nav.tabs a');
        const sections = (await tabs.allTextContents()).map((n) => n.trim()).filter(Boolean);
        expect(sections.length, 'the person page has its sections').toBeGreaterThan(3);
        for (const name of sections) {
          await tabs.filter({ hasText: name }).first().click();
          const heading = await settled(page);
          await screenshot(page, `polish-rosa-person-${name.replace(/\W+/g, '-')}`);
          found.push(...(await blemishes(page, `rosa · ${heading} · ${name}`, 'es')));
        }
      }
      await page.context().close();
      expect(found, report(found)).toEqual([]);
    });
  }
});
