import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  enterPin,
  es,
  expectHeading,
  fieldPhone,
  openFromMenu,
  signIn,
  syncStatus,
  TEST_PIN,
} from './flows.js';
import { demo, newPhone, useServerAndBrowser } from './harness.js';

const rig = useServerAndBrowser();

/** What the server holds, read with Rosa's session from inside the page. */
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

describe('working without signal', () => {
  it('registers a person and records a visit offline; both sync exactly once when the signal returns', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await expectHeading(page, es('today.title'));
    await syncStatus(page).getByText(es('sync.synced')).waitFor();
    // The service worker must hold the app shell before the signal goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await page.getByRole('link', { name: es('today.register') }).click();
    await page.getByLabel(es('people.givenName'), { exact: true }).fill('Aurelio');
    await page.getByRole('button', { name: es('people.submit'), exact: true }).click();
    await page.getByText(es('people.registered', { name: 'Aurelio' })).waitFor();
    await page.getByRole('link', { name: es('people.later') }).click();
    await expectHeading(page, 'Aurelio');
    const personPath = new URL(page.url()).pathname;

    await page.getByRole('button', { name: es('person.recordVisit') }).click();
    await page.getByLabel(es('person.note'), { exact: true }).fill('Visita sin señal en la cocina.');
    await page.getByRole('button', { name: es('person.saveVisit') }).click();
    await page.getByText('Visita sin señal en la cocina.').waitFor();
    await syncStatus(page)
      .getByText(es('sync.pending', { count: 2 }))
      .waitFor();

    // A reload in the same tab, still offline: the shell comes from the service worker, the data from the phone.
    await page.reload();
    await expectHeading(page, 'Aurelio');
    await page.getByText('Visita sin señal en la cocina.').waitFor();

    // Closing the browser and opening Puente again, offline: the PIN is asked, and the data is there.
    await page.close();
    const reopened = await phone.newPage();
    await reopened.goto(personPath);
    await expectHeading(reopened, es('sync.pinUnlockTitle'));
    await enterPin(reopened, TEST_PIN);
    await expectHeading(reopened, 'Aurelio');
    await reopened.getByText('Visita sin señal en la cocina.').waitFor();
    await syncStatus(reopened)
      .getByText(es('sync.pending', { count: 2 }))
      .waitFor();

    await phone.setOffline(false);
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor();
    expect(await onServer(reopened, 'Aurelio')).toEqual({ clients: 1, visits: 1 });
    // Another round changes nothing: what was pushed is not pushed again.
    await syncStatus(reopened)
      .getByRole('button', { name: es('sync.syncNow') })
      .click();
    await syncStatus(reopened).getByText(es('sync.synced')).waitFor();
    expect(await onServer(reopened, 'Aurelio')).toEqual({ clients: 1, visits: 1 });
    await phone.close();
  });

  it('keeps the education library on the phone: a topic opens for a talk without signal', async () => {
    const { phone, page } = await fieldPhone(rig, demo.rosa);

    // Never opened with signal: the sync kept the whole library.
    await phone.setOffline(true);
    await syncStatus(page).getByText(es('sync.offline')).waitFor();
    await openFromMenu(page, es('education.navLibrary'));
    await expectHeading(page, es('education.libraryTitle'));
    await page.getByRole('link', { name: 'El alcohol, las drogas y la salud mental' }).click();
    await expectHeading(page, 'El alcohol, las drogas y la salud mental');
    await page.getByText('Algunas personas usan alcohol o drogas para aguantar el estrés').waitFor();
    await phone.close();
  });

  it('erases the phone’s copy after five wrong PINs', async () => {
    const phone = await newPhone(rig.browser, rig.server.url);
    const page = await phone.newPage();
    await page.goto('/');
    await signIn(page, demo.rosa);
    await syncStatus(page).getByText(es('sync.synced')).waitFor();
    await page.close();

    const next = await phone.newPage();
    await next.goto('/today');
    await expectHeading(next, es('sync.pinUnlockTitle'));
    for (let left = 4; left >= 1; left--) {
      await enterPin(next, '000000');
      await next.getByText(es('sync.pinWrong', { left })).waitFor();
    }
    await enterPin(next, '000000');
    await next.getByText(es('sync.pinWiped')).waitFor();
    const left = await next.evaluate(async () => {
      const request = indexedDB.open('puente-offline');
      const db = await new Promise<IDBDatabase>((resolve) => {
        request.onsuccess = () => resolve(request.result);
      });
      const names = [...db.objectStoreNames];
      if (!names.includes('clients')) return { stores: names.length, clients: 0, vault: false };
      const tx = db.transaction(['clients', 'meta']);
      const count = await new Promise<number>((resolve) => {
        const r = tx.objectStore('clients').count();
        r.onsuccess = () => resolve(r.result);
      });
      const vault = await new Promise<boolean>((resolve) => {
        const r = tx.objectStore('meta').get('vault');
        r.onsuccess = () => resolve(r.result !== undefined);
      });
      return { stores: names.length, clients: count, vault };
    });
    expect(left).toMatchObject({ clients: 0, vault: false });
    await phone.close();
  });
});
