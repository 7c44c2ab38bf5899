import type {
  AppointmentTextReminders,
  InboxText,
  TextBacklog,
  TextMessage,
  TextSettings,
  TextTemplate,
  TextThread,
  UnreadTexts,
} from '@puente/core';
import { type Body, call } from '../../app/api-client';

// Only the server keeps texts (sealed): these need signal.

/** The person's thread, and whether a text may be sent now (if not, why). */
export const getThread = (clientId: string): Promise<TextThread> =>
  call('get', '/api/clients/{id}/messages', { path: { id: clientId } });

/** Sends a text from the program's number; the id makes a resend after a lost answer the same text. */
export const sendText = (clientId: string, id: string, text: string): Promise<TextMessage> =>
  call('post', '/api/clients/{id}/messages', { path: { id: clientId }, body: { id, text } });

/** Each appointment's latest text reminder, and whether the person may get reminders now (if not, why). */
export const getAppointmentReminders = (clientId: string): Promise<AppointmentTextReminders> =>
  call('get', '/api/clients/{id}/appointment-reminders', { path: { id: clientId } });

/** For Today: the caller's people who texted since the caller last opened their thread. */
export const getUnreadTexts = (): Promise<UnreadTexts> => call('get', '/api/messages/unread');

export type TemplateBody = {
  kind: TextTemplate['kind'];
  name: string;
  language: 'en' | 'es';
  body: string;
};

export const listTemplates = (): Promise<TextTemplate[]> => call('get', '/api/messages/templates');

/** Adds a template, or changes `id`'s. */
export const saveTemplate = (body: TemplateBody, id?: string): Promise<TextTemplate> =>
  id
    ? call('put', '/api/messages/templates/{templateId}', { path: { templateId: id }, body })
    : call('post', '/api/messages/templates', { body });

export const getTextSettings = (): Promise<TextSettings> => call('get', '/api/messages/settings');

export type TextSettingsBody = Body<'put', '/api/messages/settings'>;

export const saveTextSettings = (body: TextSettingsBody): Promise<TextSettings> =>
  call('put', '/api/messages/settings', { body });

/** For the admin: how many texts wait for the provider and how long the oldest late one has. */
export const getTextBacklog = (): Promise<TextBacklog> => call('get', '/api/messages/backlog');

/** For a supervisor: texts from numbers nobody in the program has (reading them is audited). */
export const getTextInbox = (): Promise<InboxText[]> => call('get', '/api/messages/inbox');

/** For a supervisor: puts an inbox text in a person's thread (with the number's other unplaced texts), or marks it handled. */
export const placeInboxText = (messageId: string, body: Body<'post', '/api/messages/inbox/{messageId}'>) =>
  call('post', '/api/messages/inbox/{messageId}', { path: { messageId }, body });
