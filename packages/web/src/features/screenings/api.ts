import {
  builtInQuestionnaires,
  type Me,
  type Outcomes,
  type Questionnaire,
  type Screening,
  type ScreeningRequest,
} from '@puente/core';
import { toProblem } from '../../app/api';
import { call } from '../../app/api-client';
import { data, type ScreeningSaved } from '../../offline/data';
import { unlocked } from '../../offline/session';
import { readReference, refreshReference } from '../crisis/reference';

/** The short name a screen's path uses, e.g. `phq-9` for `…/Questionnaire/phq-9`. */
export const formKey = (q: Pick<Questionnaire, 'id' | 'url'>) => q.id ?? q.url.split('/').pop() ?? q.url;

/**
 * The questionnaires the phone may fill in: the server's list when there is
 * signal (program forms included), the copy kept on the phone when not, and
 * at worst the built-in instruments that ship with the app.
 */
export async function loadInstruments(me: Pick<Me, 'id'>): Promise<readonly Questionnaire[]> {
  const fresh = navigator.onLine ? (await refreshReference(me)).instruments : undefined;
  return fresh ?? readReference(me.id)?.instruments ?? builtInQuestionnaires;
}

interface Waiting {
  clientId: string;
  body: ScreeningRequest;
}

/**
 * Screens recorded with no signal before the phone keeps a copy (no PIN set
 * yet) wait here, in memory only: answers about a person's mental health are
 * not written to the phone in the clear. With the copy open they go to its
 * sealed outbox instead. Either way they go after the alerts, and the server
 * makes its own alert from them.
 */
const waiting = new Map<string, Waiting>();

async function flush(): Promise<void> {
  await unlocked()?.engine.syncNow();
  for (const [id, w] of waiting) {
    try {
      await call('post', '/api/clients/{id}/screenings', { path: { id: w.clientId }, body: w.body });
      waiting.delete(id);
    } catch (error) {
      if (toProblem(error).code === 'network') return;
      waiting.delete(id);
    }
  }
}
addEventListener('online', () => void flush());

/** Screens held in memory (no phone copy open) that have not reached the server yet. */
export const screensWaiting = (clientId: string) =>
  [...waiting.values()].filter((w) => w.clientId === clientId).length;

/**
 * Sends a screen to be scored and kept. With no signal it waits on the phone
 * (`sent` false); the phone's own score stands until then.
 */
export async function recordScreening(
  clientId: string,
  form: Questionnaire,
  body: ScreeningRequest,
): Promise<Pick<ScreeningSaved, 'sent' | 'alerted'>> {
  if (unlocked()) return data().recordScreening(clientId, form, body);
  const later = () => {
    waiting.set(body.id, { clientId, body });
    return { sent: false, alerted: false };
  };
  if (!navigator.onLine) return later();
  try {
    return await data().recordScreening(clientId, form, body);
  } catch (error) {
    if (toProblem(error).code !== 'network') throw error;
    return later();
  }
}

export function listScreenings(clientId: string): Promise<Screening[]> {
  return data().listScreenings(clientId);
}

export function getOutcomes(clientId: string): Promise<Outcomes> {
  return data().outcomes(clientId);
}
