import type { Referral } from '@puente/core';
import type { SyncEngine } from './engine';
import type { LocalStore } from './store';

/** What the server says changed: a kind and an opaque id, never a name. */
interface NewsEvent {
  kind: 'referral' | 'alert' | 'caseload' | 'message' | 'intake';
  id: string;
}

/**
 * A notice for the CHW, made on the phone from its own copy after the pull:
 * the names come from what the phone already holds, never from the stream.
 */
export type Notice =
  | {
      key: string;
      kind: 'referral';
      clientId: string;
      name: string;
      status: Referral['status'];
      outcome: NonNullable<Referral['outcome']> | null;
    }
  | { key: string; kind: 'joined'; clientId: string; name: string }
  | { key: string; kind: 'message'; clientId: string; name: string }
  | { key: string; kind: 'left' }
  | { key: string; kind: 'intake' }
  | { key: string; kind: 'alert' };

const STREAM = '/api/news/stream';
const FIRST_WAIT_MS = 1_000;
const LONGEST_WAIT_MS = 60_000;

let notices: Notice[] = [];
const listeners = new Set<(n: Notice[]) => void>();
const shown = () => {
  for (const l of listeners) l(notices);
};

/** The notices not dismissed yet, newest first; the listener hears every change. */
export function onNotices(listener: (n: Notice[]) => void): () => void {
  listeners.add(listener);
  listener(notices);
  return () => listeners.delete(listener);
}

export function dismissNotice(key: string): void {
  notices = notices.filter((n) => n.key !== key);
  shown();
}

/** A few at most: the phone's screens show the rest after the pull anyway. */
const KEPT = 3;

function noticeOf(store: LocalStore, news: NewsEvent, before: Set<string>): Notice | undefined {
  const key = `${news.kind}:${news.id}:${Date.now()}`;
  if (news.kind === 'alert') return { key, kind: 'alert' };
  // A referral from a clinic, which the phone keeps no copy of: the intake screen says which and why.
  if (news.kind === 'intake') return { key, kind: 'intake' };
  if (news.kind === 'caseload') {
    const client = store.bundles.get(news.id)?.client;
    if (client && !before.has(news.id))
      return { key, kind: 'joined', clientId: news.id, name: client.displayName };
    if (!client && before.has(news.id)) return { key, kind: 'left' };
    return undefined;
  }
  if (news.kind === 'message') {
    // A text from one of the CHW's people (its words stay on the server: the thread opens them).
    const client = store.bundles.get(news.id)?.client;
    return client ? { key, kind: 'message', clientId: news.id, name: client.displayName } : undefined;
  }
  for (const [clientId, bundle] of store.bundles) {
    const referral = bundle.referrals[news.id];
    if (referral && bundle.client) {
      return {
        key,
        kind: 'referral',
        clientId,
        name: bundle.client.displayName,
        status: referral.status,
        outcome: referral.outcome ?? null,
      };
    }
  }
  return undefined;
}

/**
 * Listens for news while the copy is open and the phone is online: on news it
 * pulls (sync decides what the phone may see), then shows a notice read from
 * the copy. Without signal there is no stream; a dropped one comes back after
 * 1, 2, 4… up to 60 seconds, and pulls once it is back, in case news was missed.
 * Returns the stop, called when the copy locks or the user signs out.
 */
export function listenForNews(store: LocalStore, engine: SyncEngine): () => void {
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let wait = FIRST_WAIT_MS;
  let dropped = false;
  let stopped = false;

  const close = () => {
    source?.close();
    source = undefined;
    if (retry) clearTimeout(retry);
    retry = undefined;
  };
  const hear = async (event: MessageEvent<string>) => {
    let news: NewsEvent;
    try {
      news = JSON.parse(event.data) as NewsEvent;
    } catch {
      return;
    }
    const before = new Set(store.bundles.keys());
    await engine.syncNow();
    if (stopped) return;
    const notice = noticeOf(store, news, before);
    if (!notice) return;
    notices = [notice, ...notices].slice(0, KEPT);
    shown();
  };
  const connect = () => {
    close();
    if (stopped || !navigator.onLine) return;
    const s = new EventSource(STREAM);
    source = s;
    s.addEventListener('ready', () => {
      wait = FIRST_WAIT_MS;
      if (dropped) void engine.syncNow();
      dropped = false;
    });
    s.addEventListener('news', (e) => void hear(e as MessageEvent<string>));
    s.onerror = () => {
      // Closed by us, the server (shutdown, session ended) or the network: try again later, slower each time.
      if (source !== s) return;
      close();
      dropped = true;
      if (stopped || !navigator.onLine) return;
      retry = setTimeout(connect, wait);
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    };
  };
  const online = () => {
    wait = FIRST_WAIT_MS;
    connect();
  };
  const offline = () => {
    close();
    dropped = true;
  };
  addEventListener('online', online);
  addEventListener('offline', offline);
  connect();
  return () => {
    stopped = true;
    removeEventListener('online', online);
    removeEventListener('offline', offline);
    close();
    notices = [];
    shown();
  };
}
