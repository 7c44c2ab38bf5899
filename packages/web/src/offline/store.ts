import {
  type DirectorySlice,
  defaultReferralSettings,
  type Me,
  type MutationResult,
  type Problem,
  type PullResponse,
  type SyncMutation,
  syncEntities,
} from '@puente/core';
import { type Bundle, emptyBundle, overlay, type PendingChange } from './bundle';
import { open, type Sealed, seal } from './crypto';
import { get, getAll, write, writeAcross } from './idb';
import { forgetTab, type Opened, type Vault } from './vault';
import type { Holdings } from './views';

export interface SyncState {
  me: Me;
  cursor?: string;
  lastSyncAt?: string;
  program?: PullResponse['program'];
  /** The directory slice the phone holds (kept apart, under `directory`), and when the server was last asked. */
  directory?: { version: string; checkedAt: string; places: number; tooLarge: boolean };
  /** The kinds of rows the copy was pulled with: a copy from before a kind was added is pulled again whole. */
  rows?: string;
}

/** The kinds of rows this app keeps. */
export const rowKinds = syncEntities.join(' ');

/** The directory a phone keeps, without the version fields the sync state already holds. */
export type KeptDirectory = Pick<DirectorySlice, 'entries' | 'staleAfterMonths' | 'timeZone'>;

export interface OutboxEntry extends PendingChange {
  state: 'pending' | 'rejected';
  problem?: Problem;
  /** Pushes in a row the server could not apply ('failed'); at `MAX_FAILED_PUSHES` it is shown as refused. */
  failedPushes?: number;
}

/**
 * A change the server failed on this many times running is not retried for
 * ever: it is shown to the CHW with the refused ones (who can send it again or
 * erase it), instead of silently holding its place at every sync.
 */
export const MAX_FAILED_PUSHES = 5;

/**
 * The records as they will be once a page is kept, built on copies: `apply` edits in place the
 * bundles its rows name, and those in memory must not change before the page is on the phone.
 */
function afterPage(
  bundles: ReadonlyMap<string, Bundle>,
  page: PullResponse,
  apply: (bundles: Map<string, Bundle>) => Set<string>,
): { next: Map<string, Bundle>; touched: Set<string> } {
  const next = page.reset ? new Map<string, Bundle>() : new Map(bundles);
  for (const id of page.removed) next.delete(id);
  for (const id of new Set(page.rows.map((row) => row.clientId))) {
    const b = next.get(id);
    if (b) next.set(id, structuredClone(b));
  }
  return { next, touched: apply(next) };
}

/**
 * The phone's encrypted copy of the caseload and its outbox. Unlocked, it
 * holds the key and the decrypted records in memory; locking drops both.
 */
export class LocalStore {
  private version = 0;
  private cached: { version: number; holdings: Holdings } | undefined;
  private keptDirectory: KeptDirectory | undefined;

  private constructor(
    private readonly db: IDBDatabase,
    private readonly key: CryptoKey,
    readonly vault: Vault,
    public state: SyncState,
    readonly bundles: Map<string, Bundle>,
    readonly outbox: Map<string, OutboxEntry>,
  ) {}

  /** Decrypts the copy into memory once, so every screen answers from memory. */
  static async load({ db, key, vault }: Opened, me?: Me): Promise<LocalStore> {
    const sealedState = await get<Sealed>(db, 'meta', 'state');
    const state = sealedState ? await open<SyncState>(key, sealedState) : me ? { me } : undefined;
    if (!state) throw new Error('an offline copy without its state');
    const bundles = new Map<string, Bundle>();
    // A copy kept by an older app lacks the newer lists: they start empty.
    for (const { key: id, value } of await getAll<Sealed>(db, 'clients'))
      bundles.set(id, { ...emptyBundle(), ...(await open<Bundle>(key, value)) });
    const outbox = new Map<string, OutboxEntry>();
    for (const { key: id, value } of await getAll<Sealed>(db, 'outbox'))
      outbox.set(id, await open(key, value));
    const store = new LocalStore(db, key, vault, state, bundles, outbox);
    if (!sealedState) await store.saveState();
    return store;
  }

  /** Locks: the tab forgets its way in, and the key and records leave memory. */
  async lock(): Promise<void> {
    await forgetTab(this.db).catch(() => undefined);
    this.db.close();
  }

  close(): void {
    this.db.close();
  }

  async saveState(patch: Partial<SyncState> = {}): Promise<void> {
    this.state = { ...this.state, ...patch };
    await write(this.db, 'meta', [{ key: 'state', value: await seal(this.key, this.state) }]);
  }

  /**
   * Keeps one pulled page all or nothing: removals, rows and the new cursor in one transaction over
   * both stores. Rows kept under the old cursor would be undone by the server at the next pull while
   * the phone still held them: a person whose access ended would stay, a removed one not come back whole.
   */
  async applyPage(page: PullResponse, apply: (bundles: Map<string, Bundle>) => Set<string>): Promise<void> {
    const { next, touched } = afterPage(this.bundles, page, apply);
    const patch: Partial<SyncState> = {
      cursor: page.cursor,
      program: page.program,
      ...(page.reset ? { rows: rowKinds } : {}),
    };
    // Sealing is WebCrypto, not IndexedDB: all of it is done before the transaction opens, or it would commit half.
    const [puts, sealedState] = await Promise.all([
      this.sealed(next, touched),
      seal(this.key, { ...this.state, ...patch }),
    ]);
    await writeAcross(this.db, [
      { store: 'clients', clear: page.reset, deletes: page.removed, puts },
      { store: 'meta', puts: [{ key: 'state', value: sealedState }] },
    ]);
    // Memory follows only what the phone kept: a page not kept is pulled again from the old cursor.
    this.keepInMemory(page, next, touched);
    // Merged, not replaced: a saveState made while sealing (the session's `me`) is not undone in memory.
    this.state = { ...this.state, ...patch };
    this.changed();
  }

  /** The given records, sealed under their ids, ready to be written. */
  private sealed(
    bundles: ReadonlyMap<string, Bundle>,
    ids: Iterable<string>,
  ): Promise<{ key: string; value: Sealed }[]> {
    return Promise.all(
      [...ids].flatMap((id) => {
        const b = bundles.get(id);
        return b ? [seal(this.key, b).then((value) => ({ key: id, value }))] : [];
      }),
    );
  }

  /** Takes a kept page into memory: what it emptied, removed and touched. */
  private keepInMemory(page: PullResponse, next: ReadonlyMap<string, Bundle>, touched: Set<string>): void {
    if (page.reset) this.bundles.clear();
    for (const id of page.removed) this.bundles.delete(id);
    for (const id of touched) {
      const b = next.get(id);
      if (b) this.bundles.set(id, b);
    }
  }

  async enqueue(
    mutation: SyncMutation,
    clientId: string | undefined,
    preview?: PendingChange['preview'],
  ): Promise<void> {
    const entry: OutboxEntry = { mutation, clientId, state: 'pending', ...(preview ? { preview } : {}) };
    await write(this.db, 'outbox', [{ key: mutation.id, value: await seal(this.key, entry) }]);
    this.outbox.set(mutation.id, entry);
    this.changed();
  }

  pending(): OutboxEntry[] {
    return [...this.outbox.values()].filter((e) => e.state === 'pending');
  }

  rejected(): OutboxEntry[] {
    return [...this.outbox.values()].filter((e) => e.state === 'rejected');
  }

  /** Takes the push results in: applied ones leave the outbox, refused ones stay to be seen, failed ones wait (a few times). */
  async settle(results: readonly MutationResult[]): Promise<void> {
    const done: string[] = [];
    const kept: { key: string; value: Sealed }[] = [];
    for (const r of results) {
      const entry = this.outbox.get(r.id);
      if (!entry) continue;
      if (r.status === 'applied' || r.status === 'duplicate') done.push(r.id);
      else {
        const failedPushes = r.status === 'failed' ? (entry.failedPushes ?? 0) + 1 : 0;
        const refusedNow = r.status === 'rejected' || failedPushes >= MAX_FAILED_PUSHES;
        const next: OutboxEntry = {
          ...entry,
          state: refusedNow ? 'rejected' : 'pending',
          failedPushes,
          ...(r.problem ? { problem: r.problem as Problem } : {}),
        };
        this.outbox.set(r.id, next);
        kept.push({ key: r.id, value: await seal(this.key, next) });
      }
    }
    await write(this.db, 'outbox', kept, done);
    for (const id of done) this.outbox.delete(id);
    this.changed();
  }

  async discard(ids: readonly string[]): Promise<void> {
    await write(this.db, 'outbox', [], ids);
    for (const id of ids) this.outbox.delete(id);
    this.changed();
  }

  /**
   * The directory kept for searching offline, read from the phone only when a
   * search needs it (it is not personal, but kept in the same sealed store: one
   * key, one wipe). Decrypted once, then held in memory while unlocked.
   */
  async directory(): Promise<KeptDirectory | undefined> {
    if (this.keptDirectory) return this.keptDirectory;
    const sealed = await get<Sealed>(this.db, 'meta', 'directory');
    this.keptDirectory = sealed ? await open<KeptDirectory>(this.key, sealed) : undefined;
    return this.keptDirectory;
  }

  async keepDirectory(slice: DirectorySlice, checkedAt: string): Promise<void> {
    const about = { version: slice.version, checkedAt, places: slice.places, tooLarge: slice.tooLarge };
    if (!slice.unchanged) {
      const kept: KeptDirectory = {
        entries: slice.entries,
        staleAfterMonths: slice.staleAfterMonths,
        timeZone: slice.timeZone,
      };
      await write(this.db, 'meta', [{ key: 'directory', value: await seal(this.key, kept) }]);
      this.keptDirectory = kept;
    }
    await this.saveState({ directory: about });
  }

  /** After the session ended: the caseload copy goes; the outbox stays, sealed, until the same person signs in. */
  async forgetCaseload(): Promise<void> {
    const { cursor: _c, ...rest } = this.state;
    // The records and the cursor go in one transaction: records gone under the old cursor would
    // never come back, since the server takes that cursor to mean the phone still holds them.
    const sealedState = await seal(this.key, rest);
    await writeAcross(this.db, [
      { store: 'clients', clear: true },
      { store: 'meta', puts: [{ key: 'state', value: sealedState }] },
    ]);
    this.bundles.clear();
    this.state = rest;
    this.changed();
  }

  /** The program's rule for closing a referral as unreachable; a copy pulled before it was sent uses the default. */
  attemptsBeforeUnreachable(): number {
    return this.state.program?.attemptsBeforeUnreachable ?? defaultReferralSettings.attemptsBeforeUnreachable;
  }

  /** The server's copy with pending changes laid over; rebuilt only after a change. */
  holdings(): Holdings {
    if (this.cached?.version === this.version) return this.cached.holdings;
    const base = this.bundles;
    const over = overlay(base, this.pending(), this.state.me, this.attemptsBeforeUnreachable());
    const holdings: Holdings = {
      get: (id) => over.get(id) ?? base.get(id),
      *all() {
        for (const [id, b] of base) yield over.get(id) ?? b;
        for (const [id, b] of over) if (!base.has(id)) yield b;
      },
    };
    this.cached = { version: this.version, holdings };
    return holdings;
  }

  private changed(): void {
    this.version++;
  }
}
