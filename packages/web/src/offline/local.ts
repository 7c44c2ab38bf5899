import {
  type Client,
  type Encounter,
  type Locale,
  type MessageKey,
  NewClientRequest,
  NewEncounterRequest,
  NewTaskRequest,
  type Problem,
  type SyncMutation,
  similarNames,
  type Task,
  t,
  UpdateClientRequest,
  uuidv7,
} from '@puente/core';
import { ApiError } from '../app/api';
import type { CaseloadData } from './data';
import type { SyncEngine } from './engine';
import type { LocalStore } from './store';
import { caseloadPage, clientView, todayView } from './views';

const refusal = (locale: Locale, status: number, key: MessageKey, extra: Partial<Problem> = {}) =>
  new ApiError({
    type: 'about:blank',
    title: t(locale, key),
    status,
    code: key.split('.')[1] ?? '',
    ...extra,
  });

/** Checks a form the way the server would, so a mistake is shown at once even without signal. */
function valid<T>(
  schema: {
    safeParse(
      v: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  locale: Locale,
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: /^fields\.\w+$/.test(i.message) ? t(locale, i.message as MessageKey) : i.message,
  }));
  throw refusal(locale, 400, 'errors.validation', { errors });
}

/**
 * The phone's copy as the screens' data source. Reads answer from memory;
 * writes go to the outbox and show at once. With signal, a write waits for
 * its own sync, so a refusal (a possible duplicate, a person no longer in the
 * caseload) reaches the screen that made it, as it would online.
 */
export function localAdapter(store: LocalStore, engine: SyncEngine): CaseloadData {
  const me = () => store.state.me;
  const locale = () => me().locale;

  async function write(mutation: SyncMutation, clientId: string | undefined): Promise<void> {
    await store.enqueue(mutation, clientId);
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
    return { ...found, clientName: client(clientId).displayName };
  }

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
    refresh: () => engine.syncNow(),
  };
}
