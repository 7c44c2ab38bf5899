import type { CaseloadCounts, SupervisionNote, TeamOverview } from '@puente/core';

export type { CaseloadCounts, SupervisionNote };

import { call } from '../../app/api-client';

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
