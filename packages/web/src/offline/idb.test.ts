import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DB_NAME, DB_VERSION, get, getAll, openDatabase, type Upgrade, upgrades, write } from './idb';

/**
 * The database exactly as the app made it at version 1, before versions had upgrade steps:
 * written out here, frozen, so it stays what phones hold whatever idb.ts becomes.
 */
function openAsVersion1(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of ['meta', 'clients', 'outbox']) {
        if (!db.objectStoreNames.contains(store)) db.createObjectStore(store);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// What a phone keeps: its vault, a sealed record and a change not yet sent (shapes as the store writes them).
const vault = {
  device: { id: 'device-1' },
  wrapped: { iv: new Uint8Array([1, 2, 3]), data: new ArrayBuffer(8) },
};
const sealed = { iv: new Uint8Array([4, 5, 6]), data: new Uint8Array([7, 8, 9]).buffer };
const change = { mutationId: 'm-1', kind: 'visit', sealed };

async function phoneAtVersion1(name: string): Promise<void> {
  const old = await openAsVersion1(name);
  await write(old, 'meta', [{ key: 'vault', value: vault }]);
  await write(old, 'clients', [{ key: 'client:c-1', value: sealed }]);
  await write(old, 'outbox', [{ key: 'm-1', value: change }]);
  old.close();
}

async function expectKept(db: IDBDatabase): Promise<void> {
  expect(await get(db, 'meta', 'vault')).toEqual(vault);
  expect(await getAll(db, 'clients')).toEqual([{ key: 'client:c-1', value: sealed }]);
  expect(await getAll(db, 'outbox')).toEqual([{ key: 'm-1', value: change }]);
}

describe('the phone database keeps its data across versions', () => {
  it('numbers its upgrade steps 1, 2, 3… with no gap, and opens at the last', () => {
    expect(upgrades.map((u) => u.version)).toEqual(upgrades.map((_, i) => i + 1));
    expect(DB_VERSION).toBe(upgrades.length);
  });

  it('makes every store on a new phone', async () => {
    const db = await openDatabase(upgrades, 'new-phone');
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['clients', 'meta', 'outbox']);
    db.close();
  });

  it('opens a version 1 store with the current code and finds its data', async () => {
    await phoneAtVersion1(DB_NAME);
    const db = await openDatabase();
    expect(db.version).toBe(DB_VERSION);
    await expectKept(db);
    db.close();
  });

  it('runs only the steps an older store lacks, in order, with the data still there', async () => {
    await phoneAtVersion1('older-phone');
    const ran: number[] = [];
    const next: Upgrade[] = [
      // Running step 1 again would fail: its stores exist.
      ...upgrades,
      {
        version: upgrades.length + 1,
        run: (db) => {
          ran.push(upgrades.length + 1);
          db.createObjectStore('later');
        },
      },
      {
        version: upgrades.length + 2,
        run: (_db, tx) => {
          ran.push(upgrades.length + 2);
          // A step sees what the one before it made, inside the same upgrade.
          tx.objectStore('later').put('made by the step before', 'note');
        },
      },
    ];
    const db = await openDatabase(next, 'older-phone');
    expect(db.version).toBe(upgrades.length + 2);
    expect(ran).toEqual([upgrades.length + 1, upgrades.length + 2]);
    expect([...db.objectStoreNames].sort()).toEqual(['clients', 'later', 'meta', 'outbox']);
    await expectKept(db);
    db.close();
  });
});
