import type { Client, Encounter, UpdateClientRequest, UpdateTaskRequest } from '@puente/core';
import { api } from '../../app/api';
import { data, type NewEncounter } from '../../offline/data';

const base = (id: string) => `/api/clients/${encodeURIComponent(id)}`;

/** A write only the server can do (goals, consents, appointments): then the phone's copy catches up. */
async function onServer<T>(work: Promise<T>): Promise<T> {
  const result = await work;
  await data().refresh();
  return result;
}

/** Opens a person's whole record (from the phone's copy when there is one; online, the server audits the read). */
export function getClient(id: string): Promise<Client> {
  return data().getClient(id);
}

export function updateClient(id: string, change: UpdateClientRequest): Promise<Client> {
  return data().updateClient(id, change);
}

/** Records a consent; with the phone's copy open it is kept there and sent with the rest. */
export function addConsent(id: string, body: Record<string, unknown>): Promise<unknown> {
  return data().recordConsent(id, body);
}

/** Withdraws a consent; with the phone's copy open it is withdrawn there at once and sent with the rest. */
export function revokeConsent(id: string, consentId: string): Promise<unknown> {
  return data().revokeConsent(id, consentId);
}

export function addEncounter(id: string, body: NewEncounter): Promise<Encounter> {
  return data().recordEncounter(id, body);
}

/** The one way to read a sensitive note; the server audits it. */
export function getEncounter(id: string, encounterId: string): Promise<Encounter> {
  return api<Encounter>('GET', `${base(id)}/encounters/${encodeURIComponent(encounterId)}`);
}

export function addGoal(id: string, body: { text: string; needArea: string }): Promise<unknown> {
  return onServer(api('POST', `${base(id)}/goals`, body));
}

export function updateGoal(id: string, goalId: string, change: { status: string }): Promise<unknown> {
  return onServer(api('PATCH', `${base(id)}/goals/${encodeURIComponent(goalId)}`, change));
}

export function addStep(id: string, goalId: string, body: Record<string, unknown>): Promise<unknown> {
  return onServer(api('POST', `${base(id)}/goals/${encodeURIComponent(goalId)}/steps`, body));
}

export function updateStep(id: string, goalId: string, stepId: string, change: { status: string }) {
  return onServer(
    api(
      'PATCH',
      `${base(id)}/goals/${encodeURIComponent(goalId)}/steps/${encodeURIComponent(stepId)}`,
      change,
    ),
  );
}

export function addAppointment(id: string, body: Record<string, unknown>): Promise<unknown> {
  return onServer(api('POST', `${base(id)}/appointments`, body));
}

export function updateAppointment(id: string, appointmentId: string, change: { status: string }) {
  return onServer(api('PATCH', `${base(id)}/appointments/${encodeURIComponent(appointmentId)}`, change));
}

export function addTask(id: string, body: { title: string; dueOn: string }): Promise<unknown> {
  return data().addTask(id, body);
}

/** Changes a follow-up: how it went (an outcome), its undo, or its status. */
export function updateTask(taskId: string, change: UpdateTaskRequest): Promise<unknown> {
  return data().changeTask(taskId, change);
}

export function transferClient(
  id: string,
  body: { chwId: string; backupChwId?: string | null; reason: string },
) {
  return onServer(api<undefined>('POST', `${base(id)}/transfer`, body));
}

export function mergeClient(id: string, duplicateId: string) {
  return onServer(api<undefined>('POST', `${base(id)}/merge`, { duplicateId }));
}

/** Opens a record outside one's scope, for a stated reason, for a limited time. */
export function breakGlass(id: string, reason: string): Promise<{ until: string }> {
  return onServer(api<{ until: string }>('POST', `${base(id)}/break-glass`, { reason }));
}
