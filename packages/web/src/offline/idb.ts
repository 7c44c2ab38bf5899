// A small promise face on IndexedDB: the few operations the offline store needs, no library.

export const DB_NAME = 'puente-offline';
export type StoreName = 'meta' | 'clients' | 'outbox';

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const finished = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });

/** Opens (and on first use creates) the offline database. */
export function openDatabase(): Promise<IDBDatabase> {
  const request = indexedDB.open(DB_NAME, 1);
  request.onupgradeneeded = () => {
    const db = request.result;
    for (const name of ['meta', 'clients', 'outbox']) {
      if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
    }
  };
  return done(request);
}

export async function get<T>(db: IDBDatabase, store: StoreName, key: string): Promise<T | undefined> {
  return done<T | undefined>(db.transaction(store).objectStore(store).get(key));
}

export async function getAll<T>(db: IDBDatabase, store: StoreName): Promise<{ key: string; value: T }[]> {
  const tx = db.transaction(store);
  const [keys, values] = await Promise.all([
    done(tx.objectStore(store).getAllKeys()),
    done<T[]>(tx.objectStore(store).getAll()),
  ]);
  return values.map((value, i) => ({ key: String(keys[i]), value }));
}

/** Writes and deletes in one transaction: all of them are kept, or none. */
export async function write(
  db: IDBDatabase,
  store: StoreName,
  puts: readonly { key: string; value: unknown }[],
  deletes: readonly string[] = [],
): Promise<void> {
  const tx = db.transaction(store, 'readwrite');
  const os = tx.objectStore(store);
  for (const key of deletes) os.delete(key);
  for (const { key, value } of puts) os.put(value, key);
  await finished(tx);
}

export async function clear(db: IDBDatabase, stores: readonly StoreName[]): Promise<void> {
  const tx = db.transaction([...stores], 'readwrite');
  for (const s of stores) tx.objectStore(s).clear();
  await finished(tx);
}

/** Erases the whole offline database; waits for other tabs to let go of it. */
export function deleteDatabase(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
}

export async function count(db: IDBDatabase, store: StoreName): Promise<number> {
  return done(db.transaction(store).objectStore(store).count());
}
