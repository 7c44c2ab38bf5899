import { call } from '../../app/api-client';
import type { components } from '../../app/api-schema';

export type ActivityTargets = components['schemas']['ActivityTargets'];
export type ActivityTargetsView = components['schemas']['ActivityTargetsView'];
export type ActivityWeek = components['schemas']['ActivityWeek'];
export type TeamActivity = components['schemas']['TeamActivity'];
export type ProgramActivity = components['schemas']['ProgramActivity'];
export type MyActivity = components['schemas']['MyActivity'];
export type ActivityMeasure = keyof ActivityTargets;

/** The three measures, in the order every view shows them. */
export const measures: readonly ActivityMeasure[] = ['visits', 'screenings', 'referralsClosed'];

/** Supervisor: the CHWs of their teams by name, `weeks` weeks back from this one. */
export function getTeamActivity(weeks: number): Promise<TeamActivity> {
  return call('get', '/api/team/activity', { query: { weeks } });
}

/** Manager and admin: the same per team, without names. */
export function getProgramActivity(weeks: number): Promise<ProgramActivity> {
  return call('get', '/api/program/activity', { query: { weeks } });
}

/** The caller's own week, for Today. */
export function getMyActivity(): Promise<MyActivity> {
  return call('get', '/api/me/activity');
}

export function getTargets(): Promise<ActivityTargetsView> {
  return call('get', '/api/activity/targets');
}

export function setTargets(body: ActivityTargets & { teamId?: string | null }): Promise<ActivityTargetsView> {
  return call('put', '/api/activity/targets', { body });
}

/** Whether any measure has a target. */
export const hasTargets = (t: ActivityTargets) => measures.some((m) => t[m] !== null);
