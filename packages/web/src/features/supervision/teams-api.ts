import type { Team } from '@puente/core';
import { call } from '../../app/api-client';

export async function listTeams(): Promise<Team[]> {
  return (await call('get', '/api/teams')).teams;
}

export function createTeam(body: { name: string; supervisorId: string; memberIds: string[] }): Promise<Team> {
  return call('post', '/api/teams', { body });
}
