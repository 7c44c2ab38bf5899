import { t } from '@puente/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enterPin, es, expectHeading, fieldPhone, syncStatus } from './flows.js';
import { demo, demoPassword, useServerAndBrowser } from './harness.js';

// Issue 14, "no lost offline work": a CHW who forgets the PIN while changes
// wait on the phone signs in again with the password; the server's device
// share opens the copy, a new PIN (here a passphrase) protects it, and the
// changes are sent, once.

const rig = useServerAndBrowser();
const PASSPHRASE = 'luna llena de marzo';

/** What the server holds about a person, read with the page's session. */
async function onServer(page: Page, name: string): Promise<{ clients: number; visits: number }> {
  return page.evaluate(async (q) => {
    const list = (await (await fetch(`/api/clients?q=${encodeURIComponent(q)}`)).json()) as {
      clients: { id: string }[];
    };
    const [first] = list.clients;
    if (!first) return { clients: 0, visits: 0 };
    const visits = (await (await fetch(`/api/clients/${first.id}/encounters`)).json()) as {
      encounters: unknown[];
    };
    return { clients: list.clients.length, visits: visits.encounters.length };
  }, name);
}

describe('a forgotten PIN', () => {
  it('loses no offline work: erasing warns with the count, signing in again opens the copy, and the changes reach the server once', async () => {
    const { phone, page } = await fieldPhone(rig, demo.rosa);

    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await page.getByRole('link', { name: es('today.register') }).click();
    await page.getByLabel(es('people.givenName'), { exact: true }).fill('Casilda');
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await page.getByText(es('people.registered', { name: 'Casilda' })).waitFor();
    await page.getByRole('link', { name: es('people.later') }).click();
    await expectHeading(page, 'Casilda');
    await page.getByRole('button', { name: es('person.recordVisit') }).click();
    await page.getByLabel(es('person.note'), { exact: true }).fill('Visita antes de olvidar el PIN.');
    await page.getByRole('button', { name: es('person.saveVisit') }).click();
    await page.getByText('Visita antes de olvidar el PIN.').waitFor();
    await syncStatus(page)
      .getByText(es('sync.pending', { count: 2 }))
      .waitFor();

    // Opening Puente again without signal: the PIN is asked, and it is forgotten.
    await page.close();
    const next = await phone.newPage();
    await next.goto('/today');
    await expectHeading(next, es('sync.pinUnlockTitle'));

    // Erasing says first what would be lost, and asks again; the CHW keeps the changes.
    await next.getByRole('button', { name: es('sync.signOut') }).click();
    await next
      .getByRole('alert')
      .getByText(es('sync.eraseWarning', { count: 2 }))
      .waitFor();
    // The warning takes the focus in an effect, a moment after it is drawn.
    await expect.poll(() => next.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    await next.getByRole('button', { name: es('sync.eraseKeep') }).click();
    await next.getByRole('button', { name: es('sync.signInAgain') }).click();

    // Signing in again with the password, on this phone, once the signal is back.
    await next
      .getByRole('heading', {
        level: 1,
        name: new RegExp(`${t('en', 'signin.title')}|${es('signin.title')}`),
      })
      .waitFor();
    await phone.setOffline(false);
    await next.locator('#email').fill(demo.rosa);
    await next.locator('#password').fill(demoPassword);
    await next.locator('form button[type="submit"]').click();
    await expectHeading(next, es('sync.recoverTitle'));
    // The share opened the copy in memory: nothing of it was kept in the browser's storage.
    const kept = await next.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(kept).not.toMatch(/share/i);

    // A passphrase, not only digits, and too short a one is refused.
    await enterPin(next, 'luna', { repeat: true });
    await next.getByText(es('sync.pinTooShort')).waitFor();
    await enterPin(next, PASSPHRASE, { repeat: true });
    await next.getByRole('navigation').waitFor();
    await syncStatus(next).getByText(es('sync.synced')).waitFor();
    expect(await onServer(next, 'Casilda')).toEqual({ clients: 1, visits: 1 });
    // Another round sends nothing again.
    await syncStatus(next)
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(next).getByText(es('sync.synced')).waitFor();
    expect(await onServer(next, 'Casilda')).toEqual({ clients: 1, visits: 1 });

    // The new passphrase opens the copy from now on.
    await next.close();
    const later = await phone.newPage();
    await later.goto('/today');
    await expectHeading(later, es('sync.pinUnlockTitle'));
    await enterPin(later, PASSPHRASE);
    await later.getByRole('navigation').waitFor();
    await phone.close();
  });

  it('a phone an admin disabled erases its copy at its next sync, and says why', async () => {
    const { phone, page } = await fieldPhone(rig, demo.marcus, 'en');
    const device = await page.evaluate(async () => {
      const request = indexedDB.open('puente-offline');
      const db = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      const vault = await new Promise<{ device: string } | undefined>((resolve) => {
        const r = db.transaction('meta').objectStore('meta').get('vault');
        r.onsuccess = () => resolve(r.result);
      });
      db.close();
      return vault?.device ?? '';
    });
    const admin = await fetch(`${rig.server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: demo.admin, password: demoPassword }),
    });
    const cookie = (admin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const disabled = await fetch(`${rig.server.url}/api/sync/devices/${device}/disable`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: '{}',
    });
    expect(disabled.status).toBe(204);

    await page
      .getByRole('region', { name: t('en', 'sync.statusLabel') })
      .getByRole('button', { name: t('en', 'sync.syncNow') })
      .click();
    await page.getByRole('status').getByText(t('en', 'errors.deviceErased')).waitFor();
    await expectHeading(page, t('en', 'signin.title'));
    const left = await page.evaluate(async () => {
      const request = indexedDB.open('puente-offline');
      const db = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      if (!db.objectStoreNames.contains('meta')) return false;
      const vault = await new Promise<unknown>((resolve) => {
        const r = db.transaction('meta').objectStore('meta').get('vault');
        r.onsuccess = () => resolve(r.result);
      });
      return vault !== undefined;
    });
    expect(left).toBe(false);
    await phone.close();
  });
});
