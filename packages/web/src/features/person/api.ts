import type { Client, Encounter, UpdateClientRequest, UpdateTaskRequest } from '@puente/core';
import { type Body, call } from '../../app/api-client';
import { data, type NewEncounter } from '../../offline/data';

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
  return call('get', '/api/clients/{id}/encounters/{encounterId}', { path: { id, encounterId } });
}

export function addGoal(id: string, body: Body<'post', '/api/clients/{id}/goals'>): Promise<unknown> {
  return onServer(call('post', '/api/clients/{id}/goals', { path: { id }, body }));
}

export function updateGoal(
  id: string,
  goalId: string,
  change: Body<'patch', '/api/clients/{id}/goals/{goalId}'>,
): Promise<unknown> {
  return onServer(call('patch', '/api/clients/{id}/goals/{goalId}', { path: { id, goalId }, body: change }));
}

export function addStep(
  id: string,
  goalId: string,
  body: Body<'post', '/api/clients/{id}/goals/{goalId}/steps'>,
): Promise<unknown> {
  return onServer(call('post', '/api/clients/{id}/goals/{goalId}/steps', { path: { id, goalId }, body }));
}

export function updateStep(
  id: string,
  goalId: string,
  stepId: string,
  change: Body<'patch', '/api/clients/{id}/goals/{goalId}/steps/{stepId}'>,
): Promise<unknown> {
  return onServer(
    call('patch', '/api/clients/{id}/goals/{goalId}/steps/{stepId}', {
      path: { id, goalId, stepId },
      body: change,
    }),
  );
}

export function addAppointment(
  id: string,
  body: Body<'post', '/api/clients/{id}/appointments'>,
): Promise<unknown> {
  return onServer(call('post', '/api/clients/{id}/appointments', { path: { id }, body }));
}

export function updateAppointment(
  id: string,
  appointmentId: string,
  change: Body<'patch', '/api/clients/{id}/appointments/{appointmentId}'>,
): Promise<unknown> {
  return onServer(
    call('patch', '/api/clients/{id}/appointments/{appointmentId}', {
      path: { id, appointmentId },
      body: change,
    }),
  );
}

/** Adds a follow-up; with `visitAt`, the hour agreed with the person, who is reminded of it by text. */
export function addTask(
  id: string,
  body: { title: string; dueOn: string; visitAt?: string },
): Promise<unknown> {
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
  return onServer(call('post', '/api/clients/{id}/transfer', { path: { id }, body }));
}

export function mergeClient(id: string, duplicateId: string) {
  return onServer(call('post', '/api/clients/{id}/merge', { path: { id }, body: { duplicateId } }));
}

/** Opens a record outside one's scope, for a stated reason, for a limited time. */
export function breakGlass(id: string, reason: string): Promise<{ until: string }> {
  return onServer(call('post', '/api/clients/{id}/break-glass', { path: { id }, body: { reason } }));
}
