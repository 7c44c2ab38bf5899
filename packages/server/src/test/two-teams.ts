import type { Harness } from './app.js';
import { PASSWORD } from './app.js';
import { type CaseloadWorld, caseloadWorld } from './caseload.js';
import { call, signIn } from './http.js';
import { passwordChosen } from './users.js';

export interface TwoTeams extends CaseloadWorld {
  /** Team A: the world's supervisor with the first CHW and a third CHW. Team B: a second supervisor (in Spanish) with the second CHW. */
  teamA: string;
  teamB: string;
  id: Record<'supervisor' | 'supervisorB' | 'chw' | 'chw2' | 'chw3' | 'admin', string>;
  more: Record<'supervisorB' | 'chw3', string>;
}

async function createUser(h: Harness, admin: string, email: string, role: string, locale: string) {
  const reply = await call(h.app, 'POST', '/api/users', {
    cookie: admin,
    body: { email, displayName: email.split('@')[0], role, locale, password: PASSWORD },
  });
  if (reply.status !== 201) throw new Error(`user: ${reply.status} ${JSON.stringify(reply.body)}`);
  await passwordChosen(h.db, String(reply.body.id));
  return { id: String(reply.body.id), cookie: await signIn(h.app, email, PASSWORD) };
}

/** The caseload world with a second team, so moves within a team and across teams can be told apart. */
export async function twoTeams(h: Harness, slug: string): Promise<TwoTeams> {
  const w = await caseloadWorld(h, slug);
  const { ids } = w.org;
  const supervisorB = await createUser(h, w.cookie.admin, `supervisor-b@${slug}.test`, 'supervisor', 'es');
  const chw3 = await createUser(h, w.cookie.admin, `chw3@${slug}.test`, 'chw', 'en');
  const team = await call(h.app, 'POST', '/api/teams', {
    cookie: w.cookie.admin,
    body: { name: 'Equipo B', supervisorId: supervisorB.id, memberIds: [ids[w.org.chw2]] },
  });
  if (team.status !== 201) throw new Error(`team: ${team.status}`);
  const [teamA] = await h.db.query<{ id: string }>('select id from team where supervisor_id = $1', [
    ids[w.org.supervisor],
  ]);
  if (!teamA) throw new Error('no team A');
  await h.db.query('insert into team_member (org_id, team_id, user_id) values ($1, $2, $3)', [
    w.org.orgId,
    teamA.id,
    chw3.id,
  ]);
  const must = (email: string) => {
    const id = ids[email];
    if (!id) throw new Error(`no user ${email}`);
    return id;
  };
  return {
    ...w,
    teamA: teamA.id,
    teamB: String(team.body.id),
    id: {
      admin: must(w.org.admin),
      supervisor: must(w.org.supervisor),
      supervisorB: supervisorB.id,
      chw: must(w.org.chw),
      chw2: must(w.org.chw2),
      chw3: chw3.id,
    },
    more: { supervisorB: supervisorB.cookie, chw3: chw3.cookie },
  };
}
