import 'fake-indexeddb/auto';
import type { Me, PullResponse, SyncRow } from '@puente/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyRows } from './bundle';
import { openDatabase, upgrades } from './idb';
import { LocalStore } from './store';
import type { Vault } from './vault';

const me = { id: 'u-1', role: 'chw', locale: 'es', displayName: 'Rosa' } as unknown as Me;
const vault = { userId: me.id, device: 'd-1' } as unknown as Vault;
const program = { timeZone: 'America/Chicago', followUpDaysAfterVisit: 7, attemptsBeforeUnreachable: 3 };

const person = (id: string, displayName: string) =>
  ({ entity: 'client', id, clientId: id, data: { id, displayName } }) as unknown as SyncRow;

const pageOf = (cursor: string, rows: SyncRow[], removed: string[] = [], reset = false): PullResponse => ({
  cursor,
  more: false,
  reset,
  rows,
  removed,
  program,
  serverTime: '2026-12-01T10:00:00Z',
});

let name: string;
let key: CryptoKey;
let store: LocalStore;

/** The copy as a reload finds it: only what IndexedDB kept, nothing from memory. */
async function reopened(): Promise<LocalStore> {
  store.close();
  store = await LocalStore.load({ db: await openDatabase(upgrades, name), key, vault }, me);
  return store;
}

/** The copy holds just `ids` at `cursor`: first as a reload reads it from the phone, then in memory. */
async function expectHeld(cursor: string | undefined, ids: string[]): Promise<void> {
  const inMemory = store;
  for (const copy of [await reopened(), inMemory]) {
    expect(copy.state.cursor).toBe(cursor);
    expect([...copy.bundles.keys()].sort()).toEqual(ids);
  }
}

const keep = (page: PullResponse) => store.applyPage(page, (bundles) => applyRows(bundles, page.rows));

/**
 * The phone's storage failing after the page's rows are asked for and before the state is: as when
 * the quota runs out or the tab is killed. `how` aborts the transaction, or refuses the request.
 */
function failAtState(how: 'abort' | 'refuse'): void {
  const put = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value, at) {
    if (this.name !== 'meta') return put.call(this, value, at);
    if (how === 'refuse') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const request = put.call(this, value, at);
    this.transaction.abort();
    return request;
  });
}

beforeEach(async () => {
  name = `store-test-${Math.random()}`;
  key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  store = await LocalStore.load({ db: await openDatabase(upgrades, name), key, vault }, me);
  // The copy before each case: Ana and Beto, pulled up to cursor 1.
  await keep(pageOf('1', [person('ana', 'Ana'), person('beto', 'Beto')], [], true));
});

afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

describe('a pulled page is kept whole or not at all', () => {
  it('keeps a page whole: its removals, its rows and its cursor', async () => {
    await keep(pageOf('2', [person('xio', 'Xiomara')], ['beto']));
    await expectHeld('2', ['ana', 'xio']);
  });

  it('keeps neither the rows, the removals nor the cursor when the write aborts part-way', async () => {
    failAtState('abort');
    await expect(keep(pageOf('2', [person('xio', 'Xiomara')], ['beto']))).rejects.toThrow();
    vi.restoreAllMocks();
    // On the phone and in memory alike: the next pull asks again from cursor 1, for the page not held.
    await expectHeld('1', ['ana', 'beto']);
  });

  it('keeps nothing of the page when IndexedDB refuses a write as it is asked', async () => {
    failAtState('refuse');
    await expect(keep(pageOf('2', [person('xio', 'Xiomara')], ['beto']))).rejects.toThrow();
    vi.restoreAllMocks();
    await expectHeld('1', ['ana', 'beto']);
  });

  it('leaves a person already held unchanged in memory when the page that changes them is not kept', async () => {
    failAtState('abort');
    await expect(keep(pageOf('2', [person('ana', 'Ana María')]))).rejects.toThrow();
    expect(store.bundles.get('ana')?.client).toMatchObject({ displayName: 'Ana' });
  });

  it('empties and refills the copy in the same transaction on a reset page', async () => {
    failAtState('abort');
    await expect(keep(pageOf('9', [person('zoe', 'Zoe')], [], true))).rejects.toThrow();
    vi.restoreAllMocks();
    await expectHeld('1', ['ana', 'beto']);
    await keep(pageOf('9', [person('zoe', 'Zoe')], [], true));
    await expectHeld('9', ['zoe']);
  });
});

describe('a caseload forgotten (the session ended)', () => {
  it('forgets the records and the cursor together', async () => {
    await store.forgetCaseload();
    await expectHeld(undefined, []);
  });

  it('keeps both when the write fails, so the next pull does not start from a cursor whose records are gone', async () => {
    failAtState('abort');
    await expect(store.forgetCaseload()).rejects.toThrow();
    vi.restoreAllMocks();
    await expectHeld('1', ['ana', 'beto']);
  });
});
