import { type PullResponse, type PushResponse, uuidv7 } from '@puente/core';
import type { Harness } from '../../test/app.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';
import { serviceId } from '../directory/sample-directory.js';

/** A phone in a test: its device id and the cursor it last stored. */
export interface TestDevice {
  id: string;
  cookie: string;
  cursor?: string;
}

export const device = (cookie: string): TestDevice => ({ id: uuidv7(), cookie });

/** One pull page; the cursor is kept only when `store` (a phone that lost the answer does not keep it). */
export async function pullPage(h: Harness, d: TestDevice, limit = 5000, store = true): Promise<PullResponse> {
  const query = new URLSearchParams({ device: d.id, limit: String(limit) });
  if (d.cursor) query.set('cursor', d.cursor);
  const reply = await call(h.app, 'GET', `/api/sync/pull?${query}`, { cookie: d.cookie });
  if (reply.status !== 200) throw new Error(`pull: ${reply.status} ${JSON.stringify(reply.body)}`);
  const page = bodyAs<PullResponse>(reply);
  if (store) d.cursor = page.cursor;
  return page;
}

/** Pulls until nothing more is waiting; returns every page. */
export async function pullAll(h: Harness, d: TestDevice, limit = 5000): Promise<PullResponse[]> {
  const pages = [await pullPage(h, d, limit)];
  while (pages.at(-1)?.more) pages.push(await pullPage(h, d, limit));
  return pages;
}

export async function pushBatch(h: Harness, d: TestDevice, mutations: unknown[]): Promise<PushResponse> {
  const reply = await call(h.app, 'POST', '/api/sync/push', {
    cookie: d.cookie,
    body: { device: d.id, mutations },
  });
  if (reply.status !== 200) throw new Error(`push: ${reply.status} ${JSON.stringify(reply.body)}`);
  return bodyAs<PushResponse>(reply);
}

export const visit = (clientId: string, over: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  kind: 'encounter.record',
  clientId,
  encounter: {
    id: uuidv7(),
    kind: 'home-visit',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    language: 'es',
    activities: ['listening-support'],
    ...over,
  },
});

export const registration = (givenName: string, over: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  kind: 'client.register',
  client: { id: uuidv7(), givenName, preferredLanguage: 'es', notADuplicate: true, ...over },
});

/** A change about one person, as a phone queues it. */
export const mutation = (kind: string, clientId: string, body: Record<string, unknown>) => ({
  id: uuidv7(),
  kind,
  clientId,
  ...body,
});

export const consent = (clientId: string, body: Record<string, unknown>) =>
  mutation('consent.record', clientId, {
    consent: { id: uuidv7(), method: 'verbal', givenOn: programToday(), ...body },
  });

/** A referral to the sample directory's food pantry (its partner is "Red Comunitaria"). */
export const referral = (clientId: string) => ({
  id: uuidv7(),
  kind: 'referral.make',
  clientId,
  referral: { id: uuidv7(), serviceId: serviceId(0), need: 'food-insecurity', reason: 'Se acaba la comida' },
});
