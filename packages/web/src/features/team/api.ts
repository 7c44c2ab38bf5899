import type { ProgramSettings, TeamOverview } from '@puente/core';
import { api } from '../../app/api';

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
  return api<TeamOverview>('GET', '/api/team/overview');
}

export function getCounts(): Promise<CaseloadCounts> {
  return api<CaseloadCounts>('GET', '/api/caseload/counts');
}

export async function listSupervisionNotes(chwId: string): Promise<SupervisionNote[]> {
  const query = new URLSearchParams({ chwId });
  return (await api<{ notes: SupervisionNote[] }>('GET', `/api/supervision-notes?${query}`)).notes;
}

export function addSupervisionNote(body: {
  chwId: string;
  clientId?: string;
  note: string;
}): Promise<SupervisionNote> {
  return api<SupervisionNote>('POST', '/api/supervision-notes', body);
}

export function getProgramSettings(): Promise<ProgramSettings> {
  return api<ProgramSettings>('GET', '/api/program/settings');
}

export function saveProgramSettings(body: ProgramSettings): Promise<ProgramSettings> {
  return api<ProgramSettings>('PUT', '/api/program/settings', body);
}
