import { t } from '@puente/core';
import type { Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectHeading, screenshot } from './flows.js';
import { demo, demoPassword, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

const scripts = '**/assets/*.js';

describe('the sign-in form painted into the page, for phones on slow connections', () => {
  it('signs in before any script has arrived', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    // Scripts never arrive: the form in the page works on its own.
    await phone.route(scripts, (route) => route.abort());
    const page = await phone.newPage();
    await page.goto('/people', { waitUntil: 'commit' });
    await expectHeading(page, t('en', 'signin.title'));
    await screenshot(page, 'first-paint-no-script');
    await expectAccessible(page, 'first-paint-no-script');

    await page.getByRole('link', { name: t('en', 'app.spanish') }).click();
    await expectHeading(page, t('es', 'signin.title'));
    await page.getByLabel(t('es', 'signin.email')).fill(demo.rosa);
    await page.getByLabel(t('es', 'signin.password')).fill('not the password');
    await page.getByRole('button', { name: t('es', 'signin.submit') }).click();
    await page.waitForLoadState();
    await page
      .getByRole('alert')
      .filter({ hasText: t('es', 'errors.badCredentials') })
      .waitFor();

    await page.getByLabel(t('es', 'signin.email')).fill(demo.rosa);
    await page.getByLabel(t('es', 'signin.password')).fill(demoPassword);
    await page.getByRole('button', { name: t('es', 'signin.submit') }).click();
    // Back on the page that was asked for, with a session.
    await expect.poll(() => new URL(page.url()).pathname).toBe('/people');
    const cookies = await phone.cookies();
    expect(cookies.some((c) => c.name === 'puente_session' && c.httpOnly)).toBe(true);
    await phone.close();
  });

  it('keeps what was typed when the app’s script arrives late, and signs in through the app', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const held: Route[] = [];
    let holding = true;
    await phone.route(scripts, (route) => (holding ? void held.push(route) : route.continue()));
    const page = await phone.newPage();
    await page.goto('/', { waitUntil: 'commit' });
    await expectHeading(page, t('en', 'signin.title'));
    await page.getByLabel(t('en', 'signin.email')).fill(demo.admin);
    await page.getByLabel(t('en', 'signin.password')).fill(demoPassword);

    // The script arrives: the app takes the form over without losing a letter or the cursor.
    holding = false;
    for (const route of held.splice(0)) await route.continue();
    await page.getByRole('button', { name: t('en', 'app.spanish') }).waitFor();
    expect(await page.getByLabel(t('en', 'signin.email')).inputValue()).toBe(demo.admin);
    expect(await page.getByLabel(t('en', 'signin.password')).inputValue()).toBe(demoPassword);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.getByRole('button', { name: t('en', 'signin.submit') }).click();
    await page.getByRole('navigation').waitFor();
    await expectHeading(page, t('en', 'users.title'));
    await phone.close();
  });
});
