// A small promise face on IndexedDB: the few operations the offline store needs, no library.

export const DB_NAME = 'puente-offline';
export type StoreName = 'meta' | 'clients' | 'outbox';

/** One version of the database's shape: what to create or change to reach it from the version before. */
export interface Upgrade {
  version: number;
  /** Runs inside the upgrade's transaction; `tx` reaches the stores to move data between shapes. */
  run: (db: IDBDatabase, tx: IDBTransaction) => void;
}

/**
 * Every version of the phone's database, oldest first, numbered 1, 2, 3…. A phone opening an older
 * copy runs the steps it has not run yet, in order, keeping its data. A step that shipped is never
 * edited: a change of shape is a new step at the end.
 */
export const upgrades: readonly Upgrade[] = [
  {
    // The vault and sync state, the sealed records and the changes waiting to be sent.
    version: 1,
    run: (db) => {
      for (const name of ['meta', 'clients', 'outbox']) db.createObjectStore(name);
    },
  },
];

/** The version a list of steps reaches: its last step's. */
const latest = (steps: readonly Upgrade[]) => steps.at(-1)?.version ?? 1;

/** The version this code opens. */
export const DB_VERSION = latest(upgrades);

const done = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const finished = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    // A transaction abandoned by abort() has no error of its own: the caller still learns nothing was kept.
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted', 'AbortError'));
  });

/**
 * Opens (and on first use creates) the offline database at the latest version, running the
 * upgrade steps an older copy lacks. `steps` and `name` are for tests.
 * @example const db = await openDatabase();
 */
export function openDatabase(steps: readonly Upgrade[] = upgrades, name = DB_NAME): Promise<IDBDatabase> {
  const request = indexedDB.open(name, latest(steps));
  request.onupgradeneeded = (event) => {
    const tx = request.transaction;
    // The browser always gives an upgrade its transaction; without one there is nothing safe to do.
    if (!tx) throw new Error('IndexedDB upgrade without a transaction');
    for (const step of steps) if (step.version > event.oldVersion) step.run(request.result, tx);
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
  await writeAcross(db, [{ store, puts, deletes }]);
}

/** What one transaction does to one store, in this order: empty it, delete keys, put values. */
export interface StoreChange {
  store: StoreName;
  clear?: boolean;
  deletes?: readonly string[];
  puts?: readonly { key: string; value: unknown }[];
}

/**
 * Changes several stores in one transaction: all of it is kept, or none. Every value must be ready
 * (sealed) before the call: a transaction commits as soon as it waits on anything but IndexedDB.
 */
export async function writeAcross(db: IDBDatabase, changes: readonly StoreChange[]): Promise<void> {
  const tx = db.transaction([...new Set(changes.map((c) => c.store))], 'readwrite');
  const kept = finished(tx);
  try {
    for (const change of changes) queue(tx.objectStore(change.store), change);
  } catch (error) {
    // A request refused as it is made (a value that cannot be stored) would leave the ones before it to commit.
    tx.abort();
    kept.catch(() => undefined);
    throw error;
  }
  await kept;
}

function queue(os: IDBObjectStore, { clear, deletes = [], puts = [] }: StoreChange): void {
  if (clear) os.clear();
  for (const key of deletes) os.delete(key);
  for (const { key, value } of puts) os.put(value, key);
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
