import type { Client, Encounter, UpdateClientRequest } from '@puente/core';
import { api } from '../../app/api';

const base = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

/** Opens a person's whole record (the server audits the read). */
export function getClient(id: string): Promise<Client> {
  return api<Client>('GET', base(id));
}

export function updateClient(id: string, change: UpdateClientRequest): Promise<Client> {
  return api<Client>('PATCH', base(id), change);
}

export function addConsent(id: string, body: Record<string, unknown>): Promise<unknown> {
  return api('POST', `${base(id)}/consents`, body);
}

export function revokeConsent(id: string, consentId: string): Promise<unknown> {
  return api('POST', `${base(id)}/consents/${encodeURIComponent(consentId)}/revoke`, {});
}

export function addEncounter(id: string, body: Record<string, unknown>): Promise<Encounter> {
  return api<Encounter>('POST', `${base(id)}/encounters`, body);
}

/** The one way to read a sensitive note; the server audits it. */
export function getEncounter(id: string, encounterId: string): Promise<Encounter> {
  return api<Encounter>('GET', `${base(id)}/encounters/${encodeURIComponent(encounterId)}`);
}

export function addGoal(id: string, body: { text: string; needArea: string }): Promise<unknown> {
  return api('POST', `${base(id)}/goals`, body);
}

export function updateGoal(id: string, goalId: string, change: { status: string }): Promise<unknown> {
  return api('PATCH', `${base(id)}/goals/${encodeURIComponent(goalId)}`, change);
}

export function addStep(id: string, goalId: string, body: Record<string, unknown>): Promise<unknown> {
  return api('POST', `${base(id)}/goals/${encodeURIComponent(goalId)}/steps`, body);
}

export function updateStep(id: string, goalId: string, stepId: string, change: { status: string }) {
  return api(
    'PATCH',
    `${base(id)}/goals/${encodeURIComponent(goalId)}/steps/${encodeURIComponent(stepId)}`,
    change,
  );
}

export function addAppointment(id: string, body: Record<string, unknown>): Promise<unknown> {
  return api('POST', `${base(id)}/appointments`, body);
}

export function updateAppointment(id: string, appointmentId: string, change: { status: string }) {
  return api('PATCH', `${base(id)}/appointments/${encodeURIComponent(appointmentId)}`, change);
}

export function addTask(id: string, body: { title: string; dueOn: string }): Promise<unknown> {
  return api('POST', `${base(id)}/tasks`, body);
}

/** Marks a follow-up done (or cancelled). */
export function updateTask(taskId: string, change: { status: 'done' | 'cancelled' }): Promise<unknown> {
  return api('PATCH', `/api/tasks/${encodeURIComponent(taskId)}`, change);
}

export function transferClient(
  id: string,
  body: { chwId: string; backupChwId?: string | null; reason: string },
) {
  return api<undefined>('POST', `${base(id)}/transfer`, body);
}

export function mergeClient(id: string, duplicateId: string) {
  return api<undefined>('POST', `${base(id)}/merge`, { duplicateId });
}

/** Opens a record outside one's scope, for a stated reason, for a limited time. */
export function breakGlass(id: string, reason: string): Promise<{ until: string }> {
  return api<{ until: string }>('POST', `${base(id)}/break-glass`, { reason });
}
