import { t } from '@puente/core';
import { describe, expect, it } from 'vitest';
import { expectHeading } from './flows.js';
import { newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

describe('installable, and opens without signal', () => {
  it('serves a manifest with its icons', async () => {
    const response = await fetch(`${rig.server.url}/manifest.webmanifest`);
    expect(response.status).toBe(200);
    const manifest = (await response.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string }[];
    };
    expect(manifest).toMatchObject({ name: 'Puente', start_url: '/', display: 'standalone' });
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size);
      expect(icon, size).toBeDefined();
      const png = await fetch(`${rig.server.url}${icon?.src}`);
      expect(png.status).toBe(200);
      expect(png.headers.get('content-type')).toContain('image/png');
    }
  });

  it('registers the service worker, precaches the shell and opens the app offline', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await expectHeading(page, t('en', 'signin.title'));
    const scriptURL = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return registration.active?.scriptURL ?? '';
    });
    expect(new URL(scriptURL).pathname).toBe('/sw.js');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cached = await page.evaluate(async () => {
      const keys = await caches.keys();
      const shell = keys.find((k) => k.startsWith('puente-shell-'));
      if (!shell) return [];
      return (await (await caches.open(shell)).keys()).map((r) => new URL(r.url).pathname);
    });
    expect(cached).toContain('/index.html');
    expect(cached.some((p) => p.startsWith('/assets/') && p.endsWith('.js'))).toBe(true);
    expect(cached.some((p) => p.startsWith('/api/'))).toBe(false);

    await phone.setOffline(true);
    await page.goto('/today');
    await expectHeading(page, t('en', 'signin.title'));
    await phone.close();
  });
});
