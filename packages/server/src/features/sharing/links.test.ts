import type { DirectorySearchResponse, PrivateLink, PrivateLinkKind } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call, type Reply } from '../../test/http.js';
import { safetyPlanBody } from '../../test/matrix-world.js';
import { sampleDirectory } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';

const h = useApp({ publicUrl: 'https://puente.test' });
let w: CaseloadWorld;
let services: string[];

/** One link of each kind, and the public path that opens it. */
interface Sent {
  kind: PrivateLinkKind;
  open: string;
  token: string;
}

const ok = (reply: Reply, status = 201) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply.body;
};
const tokenOf = (url: unknown) => String(url).split('/').at(-1) ?? '';

/** As the CHW: a safety-plan link, then a topic, then a page of two services. */
async function sendAll(clientId: string, cookie = w.cookie.chw): Promise<Sent[]> {
  const base = `/api/clients/${clientId}`;
  const expiresOn = programToday(14);
  ok(await call(h.app, 'PUT', `${base}/safety-plan`, { cookie, body: safetyPlanBody }), 200);
  const planLink = ok(
    await call(h.app, 'POST', `${base}/safety-plan/share`, { cookie, body: { expiresOn, language: 'es' } }),
  );
  const topic = ok(
    await call(h.app, 'POST', `${base}/education-shares`, {
      cookie,
      body: { topicId: 'grief-es', channel: 'whatsapp', expiresOn },
    }),
  );
  const page = ok(
    await call(h.app, 'POST', `${base}/resource-links`, {
      cookie,
      body: { resourceIds: services, language: 'en', expiresOn },
    }),
  );
  return [
    { kind: 'safety-plan', open: '/api/public/safety-plans/', token: tokenOf(planLink.url) },
    { kind: 'topic', open: '/api/public/learn/', token: tokenOf(topic.url) },
    { kind: 'services', open: '/api/public/resource-links/', token: tokenOf(page.url) },
  ];
}

const list = (clientId: string, cookie = w.cookie.chw) =>
  call(h.app, 'GET', `/api/clients/${clientId}/links`, { cookie });
const linksOf = async (clientId: string, cookie = w.cookie.chw) =>
  bodyAs<{ links: PrivateLink[] }>(await list(clientId, cookie)).links;
const revoke = (clientId: string, link: { kind: string; id: string }, cookie = w.cookie.chw) =>
  call(h.app, 'POST', `/api/clients/${clientId}/links/${link.kind}/${link.id}/revoke`, { cookie });
const open = (sent: Sent) => call(h.app, 'GET', `${sent.open}${sent.token}`);
/** What the holder of a link sees when it does not open. */
const refusal = (reply: Reply) => ({ status: reply.status, ...reply.body, instance: undefined });
const find = (sent: Sent[], kind: PrivateLinkKind) => {
  const found = sent.find((s) => s.kind === kind);
  if (!found) throw new Error(`no ${kind} link`);
  return found;
};

beforeAll(async () => {
  w = await caseloadWorld(h, 'links');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  const { results } = bodyAs<DirectorySearchResponse>(
    await call(h.app, 'GET', '/api/directory/search?limit=2', { cookie: w.cookie.chw }),
  );
  services = results.map((r) => r.id);
  expect(services).toHaveLength(2);
});

describe('the private links given to a person', () => {
  it('lists the three kinds a CHW sent, newest first, with what each shows and never a token or its hash', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Rocío' });
    const sent = await sendAll(person.id);
    const reply = await list(person.id);
    expect(reply.status).toBe(200);
    const links = bodyAs<{ links: PrivateLink[] }>(reply).links;
    expect(links.map((l) => l.kind)).toEqual(['services', 'topic', 'safety-plan']);
    expect(links).toEqual([
      expect.objectContaining({ kind: 'services', serviceCount: 2, language: 'en', channel: null }),
      expect.objectContaining({ kind: 'topic', channel: 'whatsapp', language: 'es', planVersion: null }),
      expect.objectContaining({ kind: 'safety-plan', planVersion: 1, topicTitle: null, serviceCount: null }),
    ]);
    for (const link of links) {
      expect(link).toMatchObject({
        state: 'active',
        revokedAt: null,
        revokedBy: null,
        createdBy: 'chw of links',
      });
      expect(link.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(link.expiresAt)).toBeGreaterThan(Date.now());
    }
    expect(links[1]?.topicTitle).toBe('El duelo después de una pérdida');
    const hashes = await h.db.query<{ token_hash: string }>(
      `select token_hash from safety_plan_share where client_id = $1 union all
       select token_hash from education_share where client_id = $1 union all
       select token_hash from resource_link where client_id = $1`,
      [person.id],
    );
    expect(hashes).toHaveLength(3);
    const text = JSON.stringify(reply.body);
    for (const secret of [...sent.map((s) => s.token), ...hashes.map((x) => x.token_hash)]) {
      expect(text).not.toContain(secret);
    }
    const [audit] = await h.db.query<{ n: number }>(
      "select count(*)::int as n from audit_event where action = 'private-link.listed' and subject_id = $1",
      [person.id],
    );
    expect(audit?.n).toBe(1);
  });

  it('revokes one link: its page answers as an expired one does, and the other links still open', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Marisol' });
    const sent = await sendAll(person.id);
    const topicLink = (await linksOf(person.id)).find((l) => l.kind === 'topic');
    if (!topicLink) throw new Error('no topic link');

    const reply = await revoke(person.id, topicLink);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ id: topicLink.id, state: 'revoked', revokedBy: 'chw of links' });
    const topic = find(sent, 'topic');
    const revoked = await open(topic);
    expect(revoked.status).toBe(410);

    // The same answer as a link that expired: nothing tells the holder it was taken back.
    const other = await sendAll(person.id);
    const expiring = find(other, 'topic');
    await h.db.query(
      `update education_share set expires_at = now() - interval '1 minute'
        where client_id = $1 and revoked_at is null and created_at = (select max(created_at) from education_share where client_id = $1)`,
      [person.id],
    );
    expect(refusal(revoked)).toEqual(refusal(await open(expiring)));

    for (const still of [find(sent, 'safety-plan'), find(sent, 'services')]) {
      expect((await open(still)).status, still.kind).toBe(200);
    }
    const listed = await linksOf(person.id);
    expect(listed.find((l) => l.id === topicLink.id)).toMatchObject({ state: 'revoked' });
    expect(listed.filter((l) => l.state === 'active')).toHaveLength(4);

    const [audit] = await h.db.query<{ detail: Record<string, unknown> }>(
      "select detail from audit_event where action = 'private-link.revoked' and subject_id = $1",
      [person.id],
    );
    expect(audit?.detail).toEqual({ kind: 'topic', link: topicLink.id });
  });

  it('refuses to revoke twice, or to revoke an expired link, with 409 in the caller’s language', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Inés' });
    await sendAll(person.id);
    const [services, , safetyPlan] = await linksOf(person.id);
    if (!services || !safetyPlan) throw new Error('links missing');
    expect((await revoke(person.id, services)).status).toBe(200);
    // The CHW reads Spanish; the supervisor of their team, English.
    const again = await revoke(person.id, services);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({
      code: 'linkAlreadyRevoked',
      title: 'Este enlace ya fue anulado. Ya no se abre.',
    });
    const inEnglish = await revoke(person.id, services, w.cookie.supervisor);
    expect(inEnglish.status).toBe(409);
    expect(inEnglish.body.title).toBe('This link was already revoked. It no longer opens.');

    await h.db.query(`update safety_plan_share set expires_at = now() - interval '1 minute' where id = $1`, [
      safetyPlan.id,
    ]);
    const expired = await revoke(person.id, safetyPlan);
    expect(expired.status).toBe(409);
    expect(expired.body.code).toBe('linkAlreadyExpired');
    expect((await linksOf(person.id)).find((l) => l.id === safetyPlan.id)).toMatchObject({
      state: 'expired',
      revokedAt: null,
    });
  });

  it('lets nobody outside the person’s caseload list or revoke their links (404), and finds a link only under its person', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Beatriz' });
    const sent = await sendAll(person.id);
    const [link] = await linksOf(person.id);
    if (!link) throw new Error('no link');
    const outsider = await list(person.id, w.cookie.chw2);
    expect(outsider.status).toBe(404);
    expect(JSON.stringify(outsider.body)).not.toContain(link.id);
    expect((await revoke(person.id, link, w.cookie.chw2)).status).toBe(404);
    expect((await list(person.id, w.cookie.otherAdmin)).status).toBe(404);
    expect((await list(person.id, w.cookie.manager)).status).toBe(403);

    // chw2's own person, with this link's id: not found there.
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Otra' });
    const misplaced = await revoke(theirs.id, link, w.cookie.chw2);
    expect(misplaced.status).toBe(404);
    expect(misplaced.body.code).toBe('privateLinkNotFound');
    // The right id under the wrong kind is another table's id: not found either.
    expect((await revoke(person.id, { kind: 'topic', id: link.id })).status).toBe(404);
    expect((await revoke(person.id, { kind: 'letters', id: link.id })).status).toBe(400);
    expect((await revoke(person.id, { kind: link.kind, id: 'not-an-id' })).status).toBe(400);

    expect((await linksOf(person.id)).every((l) => l.state === 'active')).toBe(true);
    expect((await open(find(sent, link.kind))).status).toBe(200);
  });

  it('a withdrawal of consent revokes all the person’s links; the list shows them revoked, others’ links still open', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Consuelo' });
    const bystander = await register(h, w.cookie.chw, { givenName: 'Dolores' });
    const consent = ok(
      await call(h.app, 'POST', `/api/clients/${person.id}/consents`, {
        cookie: w.cookie.chw,
        body: { kind: 'text', method: 'verbal', givenOn: programToday(0) },
      }),
    );
    const sent = await sendAll(person.id);
    const kept = await sendAll(bystander.id);
    for (const s of sent) expect((await open(s)).status, s.kind).toBe(200);

    ok(
      await call(h.app, 'POST', `/api/clients/${person.id}/consents/${consent.id}/revoke`, {
        cookie: w.cookie.chw,
        body: {},
      }),
      200,
    );
    const links = await linksOf(person.id);
    expect(links).toHaveLength(3);
    for (const link of links) expect(link).toMatchObject({ state: 'revoked', revokedBy: 'chw of links' });
    for (const s of sent) expect((await open(s)).status, s.kind).toBe(410);
    for (const s of kept) expect((await open(s)).status, s.kind).toBe(200);
    expect((await linksOf(bystander.id)).every((l) => l.state === 'active')).toBe(true);
  });

  it('opens no link revoked in the database, of any kind, while an unknown token stays 404', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Amparo' });
    const sent = await sendAll(person.id);
    for (const table of ['safety_plan_share', 'education_share', 'resource_link']) {
      await h.db.query(`update ${table} set revoked_at = now() where client_id = $1`, [person.id]);
    }
    for (const s of sent) {
      const reply = await open(s);
      expect(reply.status, s.kind).toBe(410);
      expect(reply.body.code).toBe('linkExpired');
      expect(JSON.stringify(reply.body)).not.toContain(person.id);
      expect((await call(h.app, 'GET', `${s.open}${'x'.repeat(43)}`)).status).toBe(404);
    }
  });
});

// Migration 0018 gives every link an id of its own; the API names links by it.
describe('a link’s id', () => {
  it('is made by the database for every new link, and no two links share one', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Lidia' });
    await sendAll(person.id);
    await sendAll(person.id);
    const ids = (await linksOf(person.id)).map((l) => l.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});
