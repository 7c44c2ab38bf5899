import type { Topic, TopicSummary } from '@puente/core';
import { ApiError, api } from '../app/api';

// The education library kept on the phone, so a talk or a take-home handout
// works without signal. It is the program's published material, nobody's
// record, so it sits in the Cache API beside the app shell rather than in the
// sealed copy; erasing the phone erases it too.
const LIBRARY = 'puente-library';
export const LIBRARY_LIST = '/api/education/topics';
export const libraryTopic = (id: string) => `${LIBRARY_LIST}/${encodeURIComponent(id)}`;
/** The versions keepLibrary stored (a topic opened with signal is kept too, but not counted here). */
const HELD = '/puente-library/held';

const hasCache = () => typeof caches !== 'undefined';

async function keep(path: string, value: unknown): Promise<void> {
  const cache = await caches.open(LIBRARY);
  await cache.put(
    path,
    new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } }),
  );
}

async function kept<T>(path: string): Promise<T | undefined> {
  const found = await caches.match(path, { cacheName: LIBRARY });
  return found ? ((await found.json()) as T) : undefined;
}

/** Brings the kept library up to date: the list, and each topic that is new or has a new version. */
export async function keepLibrary(): Promise<void> {
  if (!hasCache()) return;
  const { topics } = await api<{ topics: TopicSummary[] }>('GET', LIBRARY_LIST);
  // Which version of each topic this keeper stored: one read per sync, not one per topic.
  const held = (await kept<Record<string, number>>(HELD)) ?? {};
  for (const summary of topics) {
    if (held[summary.id] !== summary.version) {
      await keep(libraryTopic(summary.id), await api<Topic>('GET', libraryTopic(summary.id)));
      held[summary.id] = summary.version;
    }
  }
  await keep(LIBRARY_LIST, { topics });
  await keep(HELD, held);
}

export async function forgetLibrary(): Promise<void> {
  if (hasCache()) await caches.delete(LIBRARY);
}

/** From the server when there is signal (and kept for later), else the copy kept on the phone. */
export async function fromLibrary<T>(path: string): Promise<T> {
  try {
    const fresh = await api<T>('GET', path);
    if (hasCache()) await keep(path, fresh);
    return fresh;
  } catch (error) {
    const offline = error instanceof ApiError && error.problem.code === 'network';
    const copy = offline && hasCache() ? await kept<T>(path) : undefined;
    if (copy === undefined) throw error;
    return copy;
  }
}
