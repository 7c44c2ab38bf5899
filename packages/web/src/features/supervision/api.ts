import type { TeamOverview } from '@puente/core';
import { call } from '../../app/api-client';

/** What a manager sees: counts, never names. */
export interface CaseloadCounts {
  clients: number;
  unassigned: number;
  encountersLast30Days: number;
  overdueTasks: number;
  byChw: { chwId: string; clients: number; overdueTasks: number }[];
}

export interface SupervisionNote {
  id: string;
  chwId: string;
  clientId: string | null;
  authorName: string;
  note: string;
  createdAt: string;
}

export function getTeamOverview(): Promise<TeamOverview> {
  return call('get', '/api/team/overview');
}

export function getCounts(): Promise<CaseloadCounts> {
  return call('get', '/api/caseload/counts');
}

export async function listSupervisionNotes(chwId: string): Promise<SupervisionNote[]> {
  return (await call('get', '/api/supervision-notes', { query: { chwId } })).notes;
}

export function addSupervisionNote(body: {
  chwId: string;
  clientId?: string;
  note: string;
}): Promise<SupervisionNote> {
  return call('post', '/api/supervision-notes', { body });
}
