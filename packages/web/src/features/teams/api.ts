import type { Team } from '@puente/core';
import { api } from '../../app/api';

export async function listTeams(): Promise<Team[]> {
  return (await api<{ teams: Team[] }>('GET', '/api/teams')).teams;
}

export function createTeam(body: { name: string; supervisorId: string; memberIds: string[] }): Promise<Team> {
  return api<Team>('POST', '/api/teams', body);
}
