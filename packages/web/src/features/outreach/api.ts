import type { NewEventRequest, OutreachEvent, OutreachEventDetail, UpdateEventRequest } from '@puente/core';
import { type Body, call } from '../../app/api-client';
import { data } from '../../offline/data';

/**
 * A sign-in's or sign-up's body as the form has it: the consent box ticked or
 * not. The server refuses one without consent in words, at the box.
 */
type AsTicked<B> = Omit<B, 'consent'> & { consent: boolean };
type SignIn = Body<'post', '/api/outreach/events/{id}/sign-ins'>;
type SignUp = Body<'post', '/api/outreach/events/{id}/sign-ups'>;

export const listEvents = (): Promise<OutreachEvent[]> =>
  call('get', '/api/outreach/events').then((r) => r.events);
export const getEvent = (id: string): Promise<OutreachEventDetail> =>
  call('get', '/api/outreach/events/{id}', { path: { id } });
/** The form sends what was filled in; the server refuses a missing field with a message at that field. */
export const createEvent = (body: Partial<NewEventRequest>): Promise<OutreachEvent> =>
  call('post', '/api/outreach/events', { body: body as Body<'post', '/api/outreach/events'> });
export const updateEvent = (id: string, body: UpdateEventRequest): Promise<OutreachEvent> =>
  call('patch', '/api/outreach/events/{id}', { path: { id }, body });
/** The questionnaires an event may use before and after. */
export const checkForms = () => call('get', '/api/outreach/check-forms').then((r) => r.forms);
export const addSignIn = (id: string, body: AsTicked<SignIn>) =>
  call('post', '/api/outreach/events/{id}/sign-ins', { path: { id }, body: body as SignIn });

/** The new client is made on the server; the phone's copy of the caseload then catches up. */
export async function addSignUp(id: string, body: AsTicked<SignUp>) {
  const result = await call('post', '/api/outreach/events/{id}/sign-ups', {
    path: { id },
    body: body as SignUp,
  });
  await data().refresh();
  return result;
}
