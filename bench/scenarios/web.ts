import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../lib/chromium.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';

const webDist = new URL('../../packages/web/dist/', import.meta.url);

// DevTools' "Slow 3G" preset: 2 s of latency, about 50 KB/s each way.
const slow3g = { offline: false, latency: 2000, downloadThroughput: 50_000, uploadThroughput: 50_000 };

/** Gzip bytes of the JavaScript and CSS the first page asks for (scripts, preloads, stylesheets). */
async function firstLoadBytes(): Promise<{ js: number; css: number }> {
  const html = await readFile(new URL('index.html', webDist), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(js|css))"/g)];
  let js = 0;
  let css = 0;
  for (const [, path = '', kind] of refs) {
    const size = gzipSync(await readFile(new URL(path, webDist)), { level: 9 }).length;
    if (kind === 'js') js += size;
    else css += size;
  }
  return { js, css };
}

/**
 * The first load on a cheap phone: bytes of JS and CSS, and the time until the
 * sign-in form can be used in Chromium with 4× CPU slowdown on slow 3G, each
 * run with an empty cache. Budgets: ≤ 150 KB gzip JS; usable ≤ 3 s.
 */
export async function webScenario({ quick }: ScenarioContext): Promise<ScenarioResult> {
  const runs = quick ? 1 : 5;
  const bytes = await firstLoadBytes();
  const dir = await mkdtemp(join(tmpdir(), 'puente-web-'));
  const server = await startBuiltServer({ DATA_DIR: dir });
  const browser = await launchChromium();
  const usable: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 },
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', slow3g);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const start = performance.now();
      await page.goto(server.url, { waitUntil: 'commit', timeout: 60_000 });
      await page
        .locator('button[type="submit"]:not([disabled])')
        .waitFor({ state: 'visible', timeout: 60_000 });
      await page.locator('input[type="email"]').waitFor({ state: 'visible' });
      usable.push(performance.now() - start);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return {
    data: {},
    figures: { 'sign-in usable, slow 3G + 4× CPU (ms)': summarize(usable) },
    values: { 'first-load JS, gzip bytes': bytes.js, 'first-load CSS, gzip bytes': bytes.css },
  };
}
