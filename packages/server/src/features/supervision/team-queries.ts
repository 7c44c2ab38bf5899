import type { Team } from '@puente/core';
import type { Queryable } from '../../db/types.js';

/** Teams of an organization; a supervisor sees only the teams they lead. */
export async function listTeams(db: Queryable, orgId: string, supervisorId?: string): Promise<Team[]> {
  return db.query<Team>(
    `select t.id, t.name, t.supervisor_id as "supervisorId",
            coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as "memberIds"
       from team t left join team_member m on m.team_id = t.id and m.org_id = t.org_id
      where t.org_id = $1 and ($2::uuid is null or t.supervisor_id = $2)
      group by t.id order by lower(t.name)`,
    [orgId, supervisorId ?? null],
  );
}

/** How many of `ids` are users of the organization with one of `roles`. */
export async function countUsersWithRole(db: Queryable, orgId: string, ids: string[], roles: string[]) {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from app_user where org_id = $1 and id = any($2::uuid[]) and role = any($3::text[])',
    [orgId, ids, roles],
  );
  return row?.n ?? 0;
}

export async function insertTeam(
  db: Queryable,
  team: { id: string; orgId: string; name: string; supervisorId: string; memberIds: string[] },
) {
  await db.query('insert into team (id, org_id, name, supervisor_id) values ($1, $2, $3, $4)', [
    team.id,
    team.orgId,
    team.name,
    team.supervisorId,
  ]);
  if (team.memberIds.length > 0) {
    await db.query(
      `insert into team_member (org_id, team_id, user_id)
       select $1, $2, unnest($3::uuid[]) on conflict do nothing`,
      [team.orgId, team.id, team.memberIds],
    );
  }
}
