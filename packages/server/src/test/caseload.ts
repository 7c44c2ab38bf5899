import type { Client } from '@puente/core';
import type { Harness } from './app.js';
import { PASSWORD, seedOrg, type TestOrg } from './app.js';
import { call, signIn } from './http.js';

export interface CaseloadWorld {
  org: TestOrg;
  other: TestOrg;
  cookie: Record<'admin' | 'supervisor' | 'chw' | 'chw2' | 'manager' | 'partner' | 'otherAdmin', string>;
}

/** Two organizations; in the first, the supervisor leads a team with the first CHW only. */
export async function caseloadWorld(h: Harness, slug: string): Promise<CaseloadWorld> {
  const org = await seedOrg(h.db, slug);
  const other = await seedOrg(h.db, `${slug}-other`);
  const admin = await signIn(h.app, org.admin, PASSWORD);
  const team = await call(h.app, 'POST', '/api/teams', {
    cookie: admin,
    body: { name: 'Equipo', supervisorId: org.ids[org.supervisor], memberIds: [org.ids[org.chw]] },
  });
  if (team.status !== 201) throw new Error(`team: ${team.status}`);
  const cookie = {
    admin,
    supervisor: await signIn(h.app, org.supervisor, PASSWORD),
    chw: await signIn(h.app, org.chw, PASSWORD),
    chw2: await signIn(h.app, org.chw2, PASSWORD),
    manager: await signIn(h.app, org.manager, PASSWORD),
    partner: await signIn(h.app, org.partner, PASSWORD),
    otherAdmin: await signIn(h.app, other.admin, PASSWORD),
  };
  return { org, other, cookie };
}

/** Registers a person as the given caller and returns the record. */
export async function register(h: Harness, cookie: string, body: Record<string, unknown>): Promise<Client> {
  const reply = await call(h.app, 'POST', '/api/clients', {
    cookie,
    body: { preferredLanguage: 'es', ...body },
  });
  if (reply.status !== 201) throw new Error(`register: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as unknown as Client;
}
