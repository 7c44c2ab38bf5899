import {
  alertReasonOf,
  type Client,
  type Encounter,
  NewClientRequest,
  NewConsentRequest,
  NewEncounterRequest,
  NewTaskRequest,
  type Screening,
  ScreeningRequest,
  type SyncMutation,
  score,
  similarNames,
  type Task,
  UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import { ApiError } from '../app/api';
import type { PendingChange } from './bundle';
import type { CaseloadData } from './data';
import type { SyncEngine } from './engine';
import { localHouseholds } from './local-households';
import { localReferrals } from './local-referrals';
import { refusal, valid } from './refusals';
import type { LocalStore } from './store';
import { caseloadPage, clientView, outcomesView, screeningsView, todayView } from './views';

/**
 * The phone's copy as the screens' data source. Reads answer from memory;
 * writes go to the outbox and show at once. With signal, a write waits for
 * its own sync, so a refusal (a possible duplicate, a person no longer in the
 * caseload) reaches the screen that made it, as it would online.
 */
export function localAdapter(store: LocalStore, engine: SyncEngine): CaseloadData {
  const me = () => store.state.me;
  const locale = () => me().locale;

  /** Queues a write; resolves once it is applied (with signal) or kept to send later (without). */
  async function write(
    mutation: SyncMutation,
    clientId: string | undefined,
    preview?: PendingChange['preview'],
  ): Promise<void> {
    await store.enqueue(mutation, clientId, preview);
    engine.notify();
    if (!navigator.onLine) return;
    await engine.syncNow();
    const problem = engine.results.get(mutation.id)?.problem;
    if (engine.results.get(mutation.id)?.status === 'rejected' && problem) {
      await store.discard([mutation.id]);
      engine.notify();
      throw new ApiError({
        type: 'about:blank',
        title: '',
        code: '',
        ...problem,
        status: Number(problem.status),
      });
    }
  }

  const client = (id: string): Client => {
    const view = clientView(store.holdings().get(id));
    if (!view) throw refusal(locale(), 404, 'errors.clientNotFound');
    return view;
  };

  /** The server's duplicate check, over the people on the phone: a similar name with the same phone or birth date. */
  function duplicates(body: NewClientRequest) {
    const name = [body.givenName, body.familyName].filter(Boolean).join(' ');
    const found: { id: string; displayName: string; match: 'phone' | 'birthDate' }[] = [];
    if (!body.phone && !body.birthDate) return found;
    for (const b of store.holdings().all()) {
      const c = b.client;
      if (!c || !similarNames([c.givenName, c.familyName].filter(Boolean).join(' '), name)) continue;
      if (body.phone && c.phone === body.phone)
        found.push({ id: c.id, displayName: c.displayName, match: 'phone' });
      else if (body.birthDate && c.birthDate === body.birthDate)
        found.push({ id: c.id, displayName: c.displayName, match: 'birthDate' });
    }
    return found;
  }

  function ownerOfTask(taskId: string): string {
    for (const b of store.holdings().all()) if (b.tasks[taskId] && b.client) return b.client.id;
    throw refusal(locale(), 404, 'errors.taskNotFound');
  }

  function task(clientId: string, id: string): Task {
    const found = store.holdings().get(clientId)?.tasks[id];
    if (!found) throw refusal(locale(), 404, 'errors.taskNotFound');
    const c = client(clientId);
    // A copy pulled before risk flags existed has none.
    return { ...found, clientName: c.displayName, riskFlag: Boolean(c.riskFlag) };
  }

  const sent = (mutationId: string) => {
    const status = engine.results.get(mutationId)?.status;
    return status === 'applied' || status === 'duplicate';
  };

  return {
    today: async () => todayView(store.holdings(), me(), store.state.program?.timeZone ?? 'UTC'),
    listClients: async (query) => caseloadPage(store.holdings(), query),
    getClient: async (id) => client(id),
    async registerClient(body) {
      const request = valid(NewClientRequest, { ...body, id: body.id ?? uuidv7() }, locale());
      const id = request.id ?? uuidv7();
      const found = request.notADuplicate || navigator.onLine ? [] : duplicates(request);
      if (found.length > 0) {
        throw refusal(locale(), 409, 'errors.possibleDuplicate', { duplicates: found, elsewhere: 0 });
      }
      await write({ id: uuidv7(), kind: 'client.register', client: { ...request, id } }, id);
      return client(id);
    },
    async updateClient(id, change) {
      const request = valid(UpdateClientRequest, change, locale());
      const before = client(id) as unknown as Record<string, unknown>;
      const base = Object.fromEntries(Object.keys(request).map((k) => [k, before[k] ?? null]));
      await write({ id: uuidv7(), kind: 'client.update', clientId: id, base, change: request }, id);
      return client(id);
    },
    async recordEncounter(clientId, body): Promise<Encounter> {
      client(clientId);
      const request = valid(NewEncounterRequest, body, locale());
      const id = request.id ?? uuidv7();
      await write(
        { id: uuidv7(), kind: 'encounter.record', clientId, encounter: { ...request, id } },
        clientId,
      );
      const saved = store.holdings().get(clientId)?.encounters[id];
      if (!saved) throw refusal(locale(), 404, 'errors.encounterNotFound');
      return saved;
    },
    async addTask(clientId, body) {
      client(clientId);
      const request = valid(NewTaskRequest, body, locale());
      const id = request.id ?? uuidv7();
      await write({ id: uuidv7(), kind: 'task.add', clientId, task: { ...request, id } }, clientId);
      return task(clientId, id);
    },
    async changeTask(taskId, change) {
      const clientId = ownerOfTask(taskId);
      await write({ id: uuidv7(), kind: 'task.change', taskId, change }, clientId);
      return task(clientId, taskId);
    },
    async recordConsent(clientId, body) {
      client(clientId);
      const request = valid(NewConsentRequest, body, locale());
      const id = request.id ?? uuidv7();
      await write({ id: uuidv7(), kind: 'consent.record', clientId, consent: { ...request, id } }, clientId);
      const saved = client(clientId).consents.find((k) => k.id === id);
      if (!saved) throw refusal(locale(), 404, 'errors.consentNotFound');
      return saved;
    },
    async revokeConsent(clientId, consentId) {
      const given = client(clientId).consents.find((k) => k.id === consentId);
      if (!given) throw refusal(locale(), 404, 'errors.consentNotFound');
      if (given.revokedAt) throw refusal(locale(), 409, 'errors.consentAlreadyRevoked');
      await write({ id: uuidv7(), kind: 'consent.revoke', clientId, consentId, revoke: {} }, clientId);
      return client(clientId).consents.find((k) => k.id === consentId) ?? given;
    },
    listScreenings: async (clientId) => screeningsView(store.holdings().get(client(clientId).id)),
    outcomes: async (clientId) =>
      outcomesView(store.holdings().get(client(clientId).id), store.state.program?.timeZone ?? 'UTC'),
    async recordScreening(clientId, form, response) {
      client(clientId);
      const request = valid(ScreeningRequest, response, locale());
      // The phone's score stands until the server's arrives: the same engine, the same answers.
      const result = score(form, request);
      const screening: Screening = {
        id: request.id,
        clientId,
        instrument: form.url,
        version: form.version ?? '',
        authoredAt: request.authored ?? new Date().toISOString(),
        complete: result.complete,
        missing: result.missing,
        total: result.total ?? null,
        band: result.band?.code ?? null,
        positive: result.positive ?? null,
        flags: result.flags,
        positiveDomains: result.positiveDomains ?? [],
        authorName: me().displayName,
      };
      const mutation: SyncMutation = { id: uuidv7(), kind: 'screening.record', clientId, screening: request };
      await write(mutation, clientId, screening);
      // Applied means the server scored it and, for a high-risk result, raised or joined the alert in the same step.
      const done = sent(mutation.id);
      return { screening, sent: done, alerted: done && alertReasonOf(result) !== undefined };
    },
    ...localReferrals({ store, me, client, write }),
    households: localHouseholds({ store, me, client, write }),
    unsent(clientId) {
      const waiting = new Map<string, 'made' | 'changed'>();
      for (const { clientId: about, preview, mutation: m } of store.pending()) {
        if (about !== clientId) continue;
        if (preview) waiting.set(preview.id, 'made');
        else if ((m.kind === 'referral.move' || m.kind === 'referral.attempt') && !waiting.has(m.referralId))
          waiting.set(m.referralId, 'changed');
      }
      return waiting;
    },
    refresh: () => engine.syncNow(),
  };
}
