import { type NewAlertRequest, type RiskAlert, uuidv7 } from '@puente/core';
import { ApiError, api, toProblem } from '../../app/api';
import { unlocked } from '../../offline/session';

/** `sent`: the server has it. `queued`: it waits on the phone and goes first when there is signal. */
export type AlertDelivery = 'sent' | 'queued';

/** Alerts raised while no phone copy was open, kept in memory until the signal returns. */
const waiting = new Map<string, NewAlertRequest>();
const isNetwork = (error: unknown) => toProblem(error).code === 'network';

async function flushWaiting(): Promise<void> {
  for (const [id, alert] of waiting) {
    try {
      await api<RiskAlert>('POST', '/api/alerts', alert);
      waiting.delete(id);
    } catch (error) {
      if (isNetwork(error)) return;
      waiting.delete(id);
    }
  }
}
addEventListener('online', () => void flushWaiting());

/**
 * Raises a risk alert to the on-call supervisor. The id is made here, once,
 * so sending it again after a lost reply is the same alert. Offline it goes
 * to the phone's outbox, which sends alerts before anything else.
 * @example const delivery = await raiseAlert(client.id, 'Talked about a plan');
 */
export async function raiseAlert(clientId: string, note?: string): Promise<AlertDelivery> {
  const alert: NewAlertRequest = { id: uuidv7(), clientId, ...(note?.trim() ? { note: note.trim() } : {}) };
  const open = unlocked();
  if (open) {
    const mutation = { id: uuidv7(), kind: 'alert.raise' as const, alert };
    await open.store.enqueue(mutation, clientId);
    open.engine.notify();
    if (!navigator.onLine) return 'queued';
    await open.engine.syncNow();
    const result = open.engine.results.get(mutation.id);
    if (result?.status === 'rejected') {
      await open.store.discard([mutation.id]);
      open.engine.notify();
      const problem = result.problem ?? {};
      throw new ApiError({
        type: 'about:blank',
        code: '',
        ...problem,
        title: String(problem.title ?? ''),
        status: Number(problem.status),
      });
    }
    return result?.status === 'applied' || result?.status === 'duplicate' ? 'sent' : 'queued';
  }
  try {
    await api<RiskAlert>('POST', '/api/alerts', alert);
    return 'sent';
  } catch (error) {
    if (!isNetwork(error)) throw error;
    waiting.set(alert.id, alert);
    return 'queued';
  }
}

/** Whether the phone's outbox still holds an alert for this person. */
export function alertWaiting(clientId: string): boolean {
  const open = unlocked();
  const queued = open?.store
    .pending()
    .some((e) => e.mutation.kind === 'alert.raise' && e.clientId === clientId);
  return Boolean(queued) || [...waiting.values()].some((a) => a.clientId === clientId);
}

/** How the alert of a screen that led to the protocol went, so the protocol can say so. */
export const deliveries = new Map<string, AlertDelivery>();
