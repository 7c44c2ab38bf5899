import 'fake-indexeddb/auto';
import type { Me, PullResponse, SyncMutation } from '@puente/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncEngine } from './engine';
import { openDatabase, upgrades } from './idb';
import { LocalStore } from './store';
import type { Vault } from './vault';

const me = { id: 'u-1', role: 'chw', locale: 'es', displayName: 'Rosa' } as unknown as Me;
const visit = (id: string) =>
  ({
    id,
    kind: 'encounter.record',
    clientId: 'c-1',
    encounter: { id: `e-${id}`, kind: 'home-visit', occurredAt: '2026-12-01T10:00:00Z', language: 'es' },
  }) as unknown as SyncMutation;

const page: PullResponse = {
  cursor: '1.10.20',
  more: false,
  reset: true,
  rows: [],
  removed: [],
  program: { timeZone: 'America/Chicago', followUpDaysAfterVisit: 7, attemptsBeforeUnreachable: 3 },
  serverTime: '2026-12-01T10:00:00Z',
};

/** The server as the phone sees it: pushes applied, and pulls refused with 503 while `busy` says so. */
function fakeServer() {
  const seen = { pushed: [] as string[], pulls: 0, busy: 1 };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), {
      status,
      headers: {
        'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
        ...headers,
      },
    });
  const fetch = async (path: string, init: RequestInit) => {
    if (path === '/api/sync/push') {
      const { mutations } = JSON.parse(String(init.body)) as { mutations: { id: string }[] };
      seen.pushed.push(...mutations.map((m) => m.id));
      return json(200, { results: mutations.map((m) => ({ id: m.id, status: 'applied' })) });
    }
    if (path.startsWith('/api/sync/pull')) {
      seen.pulls++;
      if (seen.busy > 0) {
        seen.busy--;
        // As the server says it: the header, and the same seconds in the problem.
        return json(
          503,
          {
            type: 'https://puente.dev/problems/syncBusy',
            title: 'El servidor está preparando las listas de casos de otros teléfonos.',
            status: 503,
            code: 'syncBusy',
            retryAfterSeconds: 7,
          },
          { 'retry-after': '7' },
        );
      }
      return json(200, page);
    }
    return json(404, { title: 'No such thing', status: 404, code: 'notFound' });
  };
  return { seen, fetch };
}

let store: LocalStore;
let engine: SyncEngine;
let server: ReturnType<typeof fakeServer>;

beforeEach(async () => {
  // Only the engine's own timer is ours to move; IndexedDB keeps its real scheduling.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  vi.stubGlobal('navigator', { onLine: true });
  // The page's online/offline events: the engine's stop() lets go of them.
  vi.stubGlobal('removeEventListener', () => {});
  server = fakeServer();
  vi.stubGlobal('fetch', server.fetch);
  const db = await openDatabase(upgrades, `engine-test-${Math.random()}`);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  store = await LocalStore.load({ db, key, vault: { userId: me.id, device: 'd-1' } as unknown as Vault }, me);
  engine = new SyncEngine(store, async () => {});
});

afterEach(() => {
  engine.stop();
  store.close();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('sync engine told to come back later (503 with Retry-After)', () => {
  it('waits the seconds the server said, then pulls; changes still go first and none is lost', async () => {
    await store.enqueue(visit('m-1'), 'c-1');
    await engine.syncNow();

    // The change went; the pull was refused: waiting, not failed, and no copy kept yet.
    expect(server.seen.pushed).toEqual(['m-1']);
    expect(server.seen.pulls).toBe(1);
    expect(engine.status()).toMatchObject({
      state: 'waiting',
      retryInSeconds: 7,
      problem: undefined,
      pending: 0,
    });
    expect(store.state.cursor).toBeUndefined();

    // A change made while waiting is sent at once, and the pull still waits for its time.
    await store.enqueue(visit('m-2'), 'c-1');
    expect(engine.status().pending).toBe(1);
    await engine.syncNow();
    expect(server.seen.pushed).toEqual(['m-1', 'm-2']);
    expect(server.seen.pulls).toBe(1);
    expect(engine.status()).toMatchObject({ state: 'waiting', pending: 0 });

    // Not a moment before: a second short of the wait, nothing is asked.
    await vi.advanceTimersByTimeAsync(6_000);
    expect(server.seen.pulls).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(engine.status().state).toBe('idle'));
    expect(server.seen.pulls).toBe(2);
    expect(store.state.cursor).toBe(page.cursor);
    expect(server.seen.pushed).toEqual(['m-1', 'm-2']);
    expect(engine.status()).toMatchObject({ pending: 0, rejected: [], problem: undefined });
  });

  it('keeps a change that could not be sent yet, and sends it on the retry', async () => {
    // The push is cut (no signal for a moment) after the pull was refused.
    await engine.syncNow();
    expect(engine.status().state).toBe('waiting');
    const { fetch } = server;
    vi.stubGlobal('fetch', async (path: string, init: RequestInit) => {
      if (path === '/api/sync/push') throw new TypeError('network');
      return fetch(path, init);
    });
    await store.enqueue(visit('m-3'), 'c-1');
    await engine.syncNow();
    expect(engine.status()).toMatchObject({ state: 'offline', pending: 1 });

    vi.stubGlobal('fetch', fetch);
    await vi.advanceTimersByTimeAsync(7_000);
    await vi.waitFor(() => expect(engine.status().state).toBe('idle'));
    expect(server.seen.pushed).toEqual(['m-3']);
    expect(engine.status().pending).toBe(0);
    expect(store.state.cursor).toBe(page.cursor);
  });
});

describe('sync engine refused for good', () => {
  /** A server that refuses the pull with `status`, and answers device-status with `erase`. */
  const refusing = (status: number, erase: boolean) => {
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(path);
      const body =
        path === '/api/sync/device-status'
          ? { erase }
          : { title: 'No', status, code: status === 403 ? 'forbidden' : 'unauthenticated' };
      return new Response(JSON.stringify(body), {
        status: path === '/api/sync/device-status' ? 200 : status,
        headers: { 'content-type': 'application/json' },
      });
    });
    return asked;
  };

  it('erases the copy when sync is refused (403) and the server says the person keeps no caseload now', async () => {
    const erased = vi.fn(async () => {});
    engine = new SyncEngine(store, erased);
    const asked = refusing(403, true);
    await engine.syncNow();
    expect(asked).toContain('/api/sync/device-status');
    expect(erased).toHaveBeenCalledTimes(1);
  });

  it('keeps the copy when sync is refused (403) and the server does not say to erase', async () => {
    const erased = vi.fn(async () => {});
    engine = new SyncEngine(store, erased);
    refusing(403, false);
    await engine.syncNow();
    expect(erased).not.toHaveBeenCalled();
    expect(engine.status().state).toBe('failed');
  });
});
