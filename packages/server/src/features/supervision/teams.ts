import { type NewTeamRequest, PuenteError, type Team, uuidv7 } from '@puente/core';
import type { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import type { Actor, Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { countUsersWithRole, insertTeam, listTeams } from './team-queries.js';

/** Admins see every team; a supervisor sees the teams they lead. */
export function teamsFor(db: Queryable, actor: Actor): Promise<Team[]> {
  return listTeams(db, actor.orgId, actor.role === 'supervisor' ? actor.userId : undefined);
}

export async function createTeam(
  tx: Queryable,
  caller: Caller,
  request: z.infer<typeof NewTeamRequest>,
): Promise<Team> {
  const { actor } = caller;
  const memberIds = [...new Set(request.memberIds)];
  if ((await countUsersWithRole(tx, actor.orgId, [request.supervisorId], ['supervisor'])) !== 1) {
    throw new PuenteError(400, 'errors.supervisorRoleRequired');
  }
  if ((await countUsersWithRole(tx, actor.orgId, memberIds, ['chw', 'supervisor'])) !== memberIds.length) {
    throw new PuenteError(400, 'errors.teamMemberNotFound');
  }
  const id = uuidv7();
  await insertTeam(tx, {
    id,
    orgId: actor.orgId,
    name: request.name,
    supervisorId: request.supervisorId,
    memberIds,
  });
  await recordAudit(tx, who(caller), {
    action: 'team.created',
    subjectType: 'team',
    subjectId: id,
    detail: { members: memberIds.length },
  });
  return { id, name: request.name, supervisorId: request.supervisorId, memberIds: memberIds.sort() };
}
