import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t } from '@puente/core';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { loadCaseload } from '../generate/caseload.js';
import { familyNames } from '../generate/people.js';
import { benchChw, oneChwProgram } from '../lib/bench-chw.js';
import { launchPhone } from '../lib/chromium.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';
import { pinKeyDerivation, screenNames, timeUnlock, walkScreens } from './phone-screens.js';
import { sizes } from './sync.js';

const pin = '246810';
const MB = 2 ** 20;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The JS heap still in use once the garbage is collected, in MB. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / MB;
}

/** Samples the JS heap until stopped; resolves with the largest sample, in MB. */
function watchHeap(cdp: CDPSession, everyMs = 250): { stop: () => Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peak = Math.max(peak, usedSize);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak / MB;
    },
  };
}

interface Synced {
  page: Page;
  cdp: CDPSession;
  /** From the PIN being set to "everything is saved": key derivation, pulls, sealing each person, IndexedDB writes. */
  syncMs: number;
  peakMB: number;
}

/** Signs the CHW in on a new phone, sets the PIN and waits until the whole caseload is on the phone. */
async function firstSync(phone: BrowserContext): Promise<Synced> {
  const page = phone.pages()[0] ?? (await phone.newPage());
  const cdp = await phone.newCDPSession(page);
  await page.goto('/');
  await page.locator('#email').fill(benchChw.email);
  await page.locator('#password').fill(benchChw.password);
  await page.locator('button[type="submit"]').click();
  await page.locator('#pin').fill(pin);
  await page.locator('#pin-repeat').fill(pin);
  const heap = watchHeap(cdp);
  const start = performance.now();
  await page.locator('form button[type="submit"]').click();
  await page
    .locator('section.sync-status[data-state="idle"]')
    .filter({ hasText: t('es', 'sync.synced'), hasNotText: t('es', 'sync.neverSynced') })
    .waitFor({ timeout: 900_000 });
  const syncMs = performance.now() - start;
  return { page, cdp, syncMs, peakMB: await heap.stop() };
}

/** What the phone keeps: people (one sealed bundle each) and the bytes the browser reports for the origin. */
function kept(page: Page): Promise<{ people: number; bytes: number }> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('puente-offline');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const people = await new Promise<number>((resolve) => {
      const count = db.transaction('clients').objectStore('clients').count();
      count.onsuccess = () => resolve(count.result);
    });
    db.close();
    return { people, bytes: (await navigator.storage.estimate()).usage ?? 0 };
  });
}

/**
 * One CHW's phone in Chromium with the whole caseload kept offline (M ≈ 57,000
 * records, the 50,000 budget): the initial sync into IndexedDB (sealing each
 * person and storing included; on loopback, so the wire is not what is timed),
 * the JS heap, and, with the network cut, each screen a CHW opens many times a
 * day and the unlock that decrypts the whole copy again.
 * Budgets: every screen answering in < 100 ms; ≤ 150 MB JS heap.
 */
export async function phoneScenario({
  bench,
  random,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const { orgId, chwId } = await oneChwProgram(db);
  await loadCaseload(db, random, { orgId, chwId }, sizes[size]);
  await db.query('analyze');
  const [held] = await db.query<{ n: number }>(
    `select ((select count(*) from client where org_id = $1) + (select count(*) from encounter where org_id = $1)
            + (select count(*) from task where org_id = $1))::int as n`,
    [orgId],
  );
  // The server process opens the same PGlite folder: one process at a time.
  if (db.kind === 'pglite') await db.close();
  const server = await startBuiltServer(bench.env);
  const profiles: string[] = [];
  const syncs: number[] = [];
  const phones = quick ? 1 : 3;
  let phone: BrowserContext | undefined;
  try {
    for (let run = 1; ; run++) {
      const profile = await mkdtemp(join(tmpdir(), 'puente-phone-'));
      profiles.push(profile);
      phone = await launchPhone(profile, server.url);
      const { page, cdp, syncMs, peakMB } = await firstSync(phone);
      syncs.push(syncMs);
      // A new phone for each initial sync; the last one goes on to the screens.
      if (run < phones) {
        await phone.close();
        continue;
      }
      const onPhone = await kept(page);
      if (onPhone.people !== sizes[size].clients)
        throw new Error(`the phone keeps ${onPhone.people} people, not ${sizes[size].clients}`);
      const heapAfterSync = await heapAfterGc(cdp);
      // Offline, lazy screens come from the service worker: it must hold them before the signal goes.
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await phone.setOffline(true);
      await page.locator('section.sync-status[data-state="offline"]').waitFor();
      const samples = await walkScreens(page, {
        rounds: quick ? 3 : 40,
        warmup: quick ? 1 : 3,
        searches: Array.from({ length: 10 }, () => random.pick(familyNames).slice(0, 4).toLowerCase()),
      });
      const heapAfterScreens = await heapAfterGc(cdp);
      const unlock = await timeUnlock(phone, page, pin, quick ? 1 : 10);
      const heapAfterUnlock = await heapAfterGc(await phone.newCDPSession(unlock.page));
      const derivations: number[] = [];
      for (let i = 0; i < 3; i++) derivations.push(await pinKeyDerivation(unlock.page));
      return {
        data: { records: held?.n ?? 0, clients: sizes[size].clients },
        figures: {
          'initial sync into IndexedDB (whole caseload)': summarize(syncs),
          ...Object.fromEntries(screenNames.map((name) => [name, summarize(samples[name])])),
          'unlock with the PIN, new tab (to Today)': summarize(unlock.samples),
        },
        values: {
          'records held offline': held?.n ?? 0,
          'people kept on the phone (one sealed bundle each)': onPhone.people,
          'initial sync seconds (median, loopback)': round1(summarize(syncs).p50 / 1000),
          'JS heap after sync, MB (after GC)': round1(heapAfterSync),
          'JS heap peak during sync, MB (sampled every 250 ms)': round1(peakMB),
          'JS heap after the screens, MB (after GC)': round1(heapAfterScreens),
          'JS heap after an unlock in a new tab, MB (after GC)': round1(heapAfterUnlock),
          'storage used by the origin, MB': round1(onPhone.bytes / MB),
          'of an unlock, PIN key derivation ms (PBKDF2, on purpose)': Math.round(summarize(derivations).p50),
        },
      };
    }
  } finally {
    await phone?.close();
    await server.stop();
    for (const profile of profiles) await rm(profile, { recursive: true, force: true });
  }
}
