import { PBKDF2_ITERATIONS } from '@puente/web/offline/crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { type Act, answer, type Ready } from '../lib/answer.js';

/** The caseload search waits for a pause in typing before it looks (PeopleScreen's debounce). */
const typingPauseMs = 300;

const menu = (path: string) => `header nav a[href="${path}"]`;
const tab = (name: string) => `main nav.tabs a[href$="/${name}"]`;

/** The screens a CHW opens many times a day, in the order one round visits them. */
export const screenNames = [
  'caseload list',
  'search by name (typing pause taken off)',
  "a person's page (visits)",
  'referrals tab',
  'visits tab',
  'add a visit (save to shown)',
  'Today',
] as const;
export type ScreenName = (typeof screenNames)[number];

export interface Walk {
  /** Rounds whose timings are kept, after `warmup` rounds that load lazy code and warm the JIT. */
  rounds: number;
  warmup: number;
  /** What the CHW types into the caseload search, one per round (cycled). */
  searches: readonly string[];
}

/**
 * Walks the phone through a CHW's day from the Today screen, offline: the
 * caseload, a search, a person's page and tabs, a visit recorded, Today again.
 * Each step is timed from the tap to the painted content; returns the samples.
 */
export async function walkScreens(page: Page, walk: Walk): Promise<Record<ScreenName, number[]>> {
  const samples = Object.fromEntries(screenNames.map((n) => [n, [] as number[]])) as Record<
    ScreenName,
    number[]
  >;
  for (let round = 0; round < walk.warmup + walk.rounds; round++) {
    const keep = round >= walk.warmup;
    const time = async (name: ScreenName, act: Act, ready: Ready, less = 0) => {
      const ms = await answer(page, act, ready);
      if (keep) samples[name].push(ms - less);
    };
    // Non-empty once the list is there: "Showing 25 of 5,000 people."
    await time('caseload list', { click: menu('/people') }, { selector: '#people-count', not: '' });

    const listed = (await page.textContent('#people-count')) ?? '';
    const search = walk.searches[round % walk.searches.length] ?? 'a';
    await time(
      'search by name (typing pause taken off)',
      { type: search, into: '#people-search' },
      { selector: '#people-count', not: listed },
      typingPauseMs,
    );

    const found = await page.locator('main ul.rows > li').count();
    const row = `main ul.rows > li:nth-child(${(round % Math.max(1, Math.min(found, 10))) + 1}) .row-title a`;
    await time("a person's page (visits)", { click: row }, { selector: '#visits-title' });
    await time(
      'referrals tab',
      { click: tab('referrals') },
      { selector: 'section[aria-labelledby="referrals-title"] :is(p.hint, ul.rows)' },
    );
    await time('visits tab', { click: tab('visits') }, { selector: '#visits-title' });

    const note = `Visita ${round + 1} sin señal, para medir.`;
    await page.click('#new-visit-toggle');
    await page.fill('#visit-note', note);
    await time(
      'add a visit (save to shown)',
      { click: 'form[aria-labelledby="new-visit-toggle"] button[type="submit"]' },
      { selector: 'main .note', text: note },
    );

    await time('Today', { click: menu('/today') }, { selector: 'main section.day-section' });
  }
  return samples;
}

/**
 * Opening Puente again in a new tab, offline, `times` times: the PIN is asked,
 * then the whole copy is decrypted into memory before Today shows. Timed from
 * the PIN's submit to Today painted; resolves with the samples and the last tab.
 */
export async function timeUnlock(
  phone: BrowserContext,
  page: Page,
  pin: string,
  times: number,
): Promise<{ samples: number[]; page: Page }> {
  let tab = page;
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    // A new tab has no way back in but the PIN (the same tab's reload would skip it).
    await tab.close();
    tab = await phone.newPage();
    await tab.goto('/today');
    await tab.locator('#pin').fill(pin);
    samples.push(
      await answer(
        tab,
        { click: 'main form button[type="submit"]' },
        { selector: 'main section.day-section' },
      ),
    );
  }
  return { samples, page: tab };
}

/** Of an unlock, the part spent deriving the key from the PIN on purpose (PBKDF2), in ms. */
export function pinKeyDerivation(page: Page): Promise<number> {
  return page.evaluate(async (iterations) => {
    const pin = await crypto.subtle.importKey('raw', new TextEncoder().encode('246810'), 'PBKDF2', false, [
      'deriveKey',
    ]);
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const start = performance.now();
    await crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
      pin,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    return performance.now() - start;
  }, PBKDF2_ITERATIONS);
}
