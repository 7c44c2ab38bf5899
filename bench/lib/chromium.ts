import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium: benchmarks and browser tests never download a browser. */
export const chromiumPath = '/usr/bin/chromium';

// Nothing of the browser's own (updates, its sync, QUIC) runs beside what is measured or tested.
const quiet = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Headless Chromium for fresh, incognito-like contexts (a cold first load). */
export const launchChromium = () =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: quiet });

/**
 * A phone with its profile on disk: an incognito-like context keeps IndexedDB
 * in memory, which would flatter every figure of the offline copy.
 */
export function launchPhone(profileDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: quiet,
    baseURL,
    viewport: { width: 360, height: 740 },
    locale: 'en-US',
  });
}
