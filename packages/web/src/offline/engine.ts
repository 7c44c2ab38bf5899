import type { DirectorySlice, MutationResult, Problem, PullResponse, PushResponse } from '@puente/core';
import { ApiError, api, toProblem } from '../app/api';
import { applyRows } from './bundle';
import { keepLibrary } from './library';
import { mustErase } from './recovery';
import { type LocalStore, rowKinds } from './store';

export interface SyncStatus {
  /**
   * `ended`: the server no longer knows this session; sign in again to send what is waiting.
   * `waiting`: the server is busy with other phones' first syncs and said when to come back.
   */
  state: 'idle' | 'syncing' | 'offline' | 'failed' | 'ended' | 'waiting';
  pending: number;
  rejected: { id: string; problem: Problem | undefined }[];
  lastSyncAt: string | undefined;
  problem: Problem | undefined;
  /** While `waiting`: the seconds the server asked the phone to wait before pulling again. */
  retryInSeconds?: number;
}

/** The server's "come back later" to a pull (503 with Retry-After), with the seconds to wait; else undefined. */
function comeBackIn(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.problem.status !== 503) return undefined;
  const seconds = error.problem.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.min(seconds, 3600) : undefined;
}

const PUSH_BATCH = 100;
const PULL_LIMIT = 5_000;
/** Often enough that a supervisor's reassignment reaches the phone within minutes. */
const PERIOD_MS = 5 * 60_000;
/** Directories change with an import now and then: asking twice a day keeps a sync at two round trips. */
const DIRECTORY_EVERY_MS = 12 * 3600_000;

/**
 * Moves work between the phone and the server: pushes the outbox, then pulls
 * until nothing more is waiting. It runs when the connection returns, every
 * few minutes, after a change, and when asked; one run at a time.
 */
export class SyncEngine {
  private running: Promise<void> | undefined;
  private again = false;
  private listeners = new Set<(s: SyncStatus) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private state: SyncStatus['state'] = 'idle';
  private problem: Problem | undefined;
  /** When the server said the phone may pull again (ms since epoch), and the timer that will. */
  private pullAfter: { at: number; seconds: number; timer: ReturnType<typeof setTimeout> } | undefined;
  private readonly online = () => void this.syncNow();
  private readonly offline = () => this.set('offline');
  /** Results of the pushes so far, by mutation id: the data layer reads the fate of a write here. */
  readonly results = new Map<string, MutationResult>();

  /** `erase` wipes the phone's copy when the server says it must go (the session owns the copy, not the engine). */
  constructor(
    private readonly store: LocalStore,
    private readonly erase: () => Promise<void>,
  ) {}

  start(): void {
    addEventListener('online', this.online);
    addEventListener('offline', this.offline);
    this.timer = setInterval(this.online, PERIOD_MS);
    void this.syncNow();
  }

  stop(): void {
    removeEventListener('online', this.online);
    removeEventListener('offline', this.offline);
    if (this.timer) clearInterval(this.timer);
    if (this.pullAfter) clearTimeout(this.pullAfter.timer);
    this.pullAfter = undefined;
    this.listeners.clear();
  }

  status(): SyncStatus {
    return {
      state: this.state,
      pending: this.store.pending().length,
      rejected: this.store.rejected().map((e) => ({ id: e.mutation.id, problem: e.problem })),
      lastSyncAt: this.store.state.lastSyncAt,
      problem: this.problem,
      ...(this.state === 'waiting' && this.pullAfter ? { retryInSeconds: this.pullAfter.seconds } : {}),
    };
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status());
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  /** Runs a sync now, or one more right after the one running; resolves when the phone is up to date. */
  syncNow(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.once();
      } while (this.again && (this.state === 'idle' || this.state === 'waiting'));
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async once(): Promise<void> {
    if (!navigator.onLine) {
      this.set('offline');
      return;
    }
    this.set('syncing');
    try {
      // Pushes go first, always: a change (a crisis alert) never waits for the caseload.
      await this.pushAll();
      // Told to come back later: the changes went; the pull waits for its time, when the timer runs it.
      if (this.pullAfter && Date.now() < this.pullAfter.at) {
        this.set('waiting');
        return;
      }
      try {
        await this.pullAll();
      } catch (error) {
        const seconds = comeBackIn(error);
        if (seconds === undefined) throw error;
        // Not a failure: the pages kept so far stay, the outbox is untouched, and the pull resumes then.
        this.waitToPull(seconds);
        return;
      }
      await this.refreshDirectory();
      await keepLibrary();
      await this.store.saveState({ lastSyncAt: new Date().toISOString() });
      this.problem = undefined;
      this.set('idle');
    } catch (error) {
      const problem = toProblem(error);
      // The server's word that this phone must erase its copy: the device was
      // disabled (410), or the session ended because the account was, or sync is
      // refused because the person's role no longer keeps a caseload (asked).
      if (
        problem.code === 'deviceErased' ||
        ((problem.status === 401 || problem.status === 403) && (await mustErase(this.store.vault.device)))
      ) {
        this.stop();
        await this.erase();
        return;
      }
      if (problem.status === 401) {
        await this.store.forgetCaseload();
        this.set('ended');
      } else if (problem.status === 0 && error instanceof ApiError && problem.code === 'network') {
        this.set('offline');
      } else {
        this.problem = problem;
        this.set('failed');
      }
    }
  }

  /** Pulls again once the server's wait is over (the timer's run is the one that pulls). */
  private waitToPull(seconds: number): void {
    if (this.pullAfter) clearTimeout(this.pullAfter.timer);
    const timer = setTimeout(() => {
      this.pullAfter = undefined;
      void this.syncNow();
    }, seconds * 1000);
    this.pullAfter = { at: Date.now() + seconds * 1000, seconds, timer };
    this.problem = undefined;
    this.set('waiting');
  }

  private async pushAll(): Promise<void> {
    for (;;) {
      const batch = this.store.pending().slice(0, PUSH_BATCH);
      if (batch.length === 0) return;
      const reply = await api<PushResponse>('POST', '/api/sync/push', {
        device: this.store.vault.device,
        mutations: batch.map((e) => e.mutation),
      });
      for (const r of reply.results) this.results.set(r.id, r);
      await this.store.settle(reply.results);
      this.notify();
      // Failed ones (the server's trouble) wait for the next round rather than looping now.
      if (reply.results.some((r) => r.status === 'failed')) return;
    }
  }

  private async pullAll(): Promise<void> {
    for (;;) {
      const query = new URLSearchParams({ device: this.store.vault.device, limit: String(PULL_LIMIT) });
      // Without the cursor the server starts over: a copy pulled before a kind of row existed is made whole.
      if (this.store.state.cursor && this.store.state.rows === rowKinds)
        query.set('cursor', this.store.state.cursor);
      const page = await api<PullResponse>('GET', `/api/sync/pull?${query}`);
      await this.store.applyPage(page, (bundles) => applyRows(bundles, page.rows));
      this.notify();
      if (!page.more) return;
    }
  }

  /** Brings the phone's directory up to date when it is due: one small answer when nothing changed. */
  private async refreshDirectory(): Promise<void> {
    const kept = this.store.state.directory;
    if (kept && Date.now() - Date.parse(kept.checkedAt) < DIRECTORY_EVERY_MS) return;
    const since = kept ? `?since=${encodeURIComponent(kept.version)}` : '';
    try {
      const slice = await api<DirectorySlice>('GET', `/api/sync/directory${since}`);
      await this.store.keepDirectory(slice, new Date().toISOString());
    } catch (error) {
      // The caseload is what a sync is for: a directory that could not come is asked for again next time.
      if (toProblem(error).status === 401) throw error;
    }
  }

  private set(state: SyncStatus['state']): void {
    this.state = state;
    this.notify();
  }
}
