import type {
  EventSignUpRequest,
  NewEventRequest,
  OutreachEvent,
  OutreachEventDetail,
  UpdateEventRequest,
} from '@puente/core';
import { type Body, call } from '../../app/api-client';
import { data } from '../../offline/data';

export const listEvents = (): Promise<OutreachEvent[]> =>
  call('get', '/api/outreach/events').then((r) => r.events);
export const getEvent = (id: string): Promise<OutreachEventDetail> =>
  call('get', '/api/outreach/events/{id}', { path: { id } });
/** The form sends what was filled in; the server refuses a missing field with a message at that field. */
export const createEvent = (body: Partial<NewEventRequest>): Promise<OutreachEvent> =>
  call('post', '/api/outreach/events', { body: body as Body<'post', '/api/outreach/events'> });
export const updateEvent = (id: string, body: UpdateEventRequest): Promise<OutreachEvent> =>
  call('patch', '/api/outreach/events/{id}', { path: { id }, body });
export const checkForms = (): Promise<{ canonical: string; title: string; builtIn: boolean }[]> =>
  call('get', '/api/outreach/check-forms').then((r) => r.forms);
export const addSignIn = (
  id: string,
  body: { name: string; phone?: string; consent: boolean },
): Promise<{ id: string }> =>
  // The form sends the box as ticked; the server refuses a sign-in without consent in words.
  call('post', '/api/outreach/events/{id}/sign-ins', {
    path: { id },
    body: body as Body<'post', '/api/outreach/events/{id}/sign-ins'>,
  });

/** The new client is made on the server; the phone's copy of the caseload then catches up. */
export async function addSignUp(
  id: string,
  // The server refuses a sign-up without consent; the form sends what was ticked.
  body: Omit<Partial<EventSignUpRequest>, 'consent'> & { consent: boolean },
): Promise<{ clientId: string }> {
  const result = await call('post', '/api/outreach/events/{id}/sign-ups', {
    path: { id },
    body: body as Body<'post', '/api/outreach/events/{id}/sign-ups'>,
  });
  await data().refresh();
  return result;
}
