import type {
  EventSignUpRequest,
  NewEventRequest,
  OutreachEvent,
  OutreachEventDetail,
  UpdateEventRequest,
} from '@puente/core';
import { api } from '../../app/api';
import { data } from '../../offline/data';

const event = (id: string) => `/api/outreach/events/${encodeURIComponent(id)}`;

export const listEvents = () =>
  api<{ events: OutreachEvent[] }>('GET', '/api/outreach/events').then((r) => r.events);
export const getEvent = (id: string) => api<OutreachEventDetail>('GET', event(id));
export const createEvent = (body: Partial<NewEventRequest>) =>
  api<OutreachEvent>('POST', '/api/outreach/events', body);
export const updateEvent = (id: string, body: UpdateEventRequest) =>
  api<OutreachEvent>('PATCH', event(id), body);
export const checkForms = () =>
  api<{ forms: { canonical: string; title: string; builtIn: boolean }[] }>(
    'GET',
    '/api/outreach/check-forms',
  ).then((r) => r.forms);
export const addSignIn = (id: string, body: { name: string; phone?: string; consent: boolean }) =>
  api<{ id: string }>('POST', `${event(id)}/sign-ins`, body);

/** The new client is made on the server; the phone's copy of the caseload then catches up. */
export async function addSignUp(
  id: string,
  // The server refuses a sign-up without consent; the form sends what was ticked.
  body: Omit<Partial<EventSignUpRequest>, 'consent'> & { consent: boolean },
): Promise<{ clientId: string }> {
  const result = await api<{ clientId: string }>('POST', `${event(id)}/sign-ups`, body);
  await data().refresh();
  return result;
}
