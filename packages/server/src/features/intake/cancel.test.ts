import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld } from '../../test/caseload.js';
import { call, type Reply } from '../../test/http.js';
import { type ClinicClient, clinicWithKeys, r4Validator } from '../fhir/testing.js';
import { newsHub } from '../news/hub.js';
import { referralBundle } from './testing.js';

// A clinic withdraws a referral it sent to the program (Gravity SDOHCC, the requester's side):
// PUT of its Task as read, or a JSON Patch, with status "cancelled". Only its own, only while
// open, only that change, version-aware; the intake queue shows it in words, audited.
const h = useApp();
const fhir = r4Validator();
let w: CaseloadWorld;
let clinic: ClinicClient;
let otherClinic: ClinicClient;
let token: string;
let chwId: string;

const SCOPES = ['system/ServiceRequest.cru', 'system/Task.cru'];

async function referred(given: string, family: string, birthDate: string): Promise<string> {
  const reply = await call(h.app, 'POST', '/fhir/r4', {
    raw: JSON.stringify(referralBundle({ given, family, birthDate })),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  const entries = reply.body.entry as { response: { location?: string } }[];
  return (
    String(entries.find((e) => e.response.location?.startsWith('Task/'))?.response.location).split('/')[1] ??
    ''
  );
}

const read = (id: string, bearer = token) =>
  call(h.app, 'GET', `/fhir/r4/Task/${id}`, { headers: { authorization: `Bearer ${bearer}` } });

function put(id: string, body: unknown, headers: Record<string, string> = {}, bearer = token) {
  return call(h.app, 'PUT', `/fhir/r4/Task/${id}`, {
    raw: JSON.stringify(body),
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json', ...headers },
  });
}

function patch(id: string, ops: unknown, headers: Record<string, string> = {}) {
  return call(h.app, 'PATCH', `/fhir/r4/Task/${id}`, {
    raw: JSON.stringify(ops),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-patch+json', ...headers },
  });
}

/** The Task as read, with the clinic's change. */
async function cancelled(id: string, reason?: string) {
  const task = (await read(id)).body;
  return { ...task, status: 'cancelled', ...(reason ? { statusReason: { text: reason } } : {}) };
}

/** A refusal: the status, a valid OperationOutcome, and words that name the problem. */
function refused(reply: Reply, status: number, words: string) {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body.resourceType).toBe('OperationOutcome');
  expect(fhir.validate(reply.body)).toEqual([]);
  expect(JSON.stringify(reply.body)).toContain(words);
}

const row = async (id: string) =>
  (
    await h.db.query<{ status: string; statusReason: string | null; version: number }>(
      'select status, status_reason as "statusReason", version from inbound_referral where id = $1',
      [id],
    )
  )[0];

const trail = async (id: string) =>
  (
    await h.db.query<{ action: string; actorId: string; detail: Record<string, unknown> }>(
      `select action, actor_id as "actorId", detail from audit_event where org_id = $1 and subject_id = $2 order by seq`,
      [w.org.orgId, id],
    )
  ).map((a) => a);

beforeAll(async () => {
  w = await caseloadWorld(h, 'cancel');
  clinic = await clinicWithKeys(
    h,
    w.cookie.admin,
    { name: 'Clínica del Valle', partnerName: 'Clínica del Valle' },
    [...SCOPES, 'system/Task.rs'],
  );
  otherClinic = await clinicWithKeys(
    h,
    w.cookie.admin,
    { name: 'Hospital Norte', partnerName: 'Hospital Norte' },
    SCOPES,
  );
  token = await clinic.token(SCOPES.join(' '));
  chwId = w.org.ids[w.org.chw] ?? '';
});

describe('a clinic cancels the referral it sent', () => {
  it('before anyone is assigned: PUT of the Task as read, the reason kept, a new version, valid R4, audited', async () => {
    const id = await referred('Rosa', 'Quintero', '1980-04-02');
    const first = await read(id);
    expect(first.body.meta).toMatchObject({ versionId: '1' });
    expect(first.headers.get('etag')).toBe('W/"1"');

    const reply = await put(id, await cancelled(id, 'Patient found help elsewhere'), { 'if-match': 'W/"1"' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(fhir.validate(reply.body)).toEqual([]);
    expect(reply.body).toMatchObject({
      resourceType: 'Task',
      id,
      status: 'cancelled',
      statusReason: { text: 'Patient found help elsewhere' },
      meta: { versionId: '2' },
    });
    expect(reply.headers.get('etag')).toBe('W/"2"');
    const again = await read(id);
    expect(fhir.validate(again.body)).toEqual([]);
    expect(again.body).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'Patient found help elsewhere' },
    });
    const request = await call(h.app, 'GET', `/fhir/r4/ServiceRequest/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(fhir.validate(request.body)).toEqual([]);
    expect(request.body.status).toBe('revoked');

    expect(await row(id)).toEqual({
      status: 'cancelled',
      statusReason: 'Patient found help elsewhere',
      version: 2,
    });
    const audit = await trail(id);
    expect(audit.map((a) => a.action)).toEqual(['fhir.referral-received', 'fhir.referral-cancelled']);
    expect(audit[1]).toMatchObject({ actorId: clinic.id, detail: { from: 'received', withReason: true } });
    // Ids and codes only: the reason is the clinic's words about a person.
    expect(JSON.stringify(audit[1]?.detail)).not.toContain('elsewhere');

    // The supervisor's queue says so, with the reason; nothing more can be done with it.
    const queue = await call(h.app, 'GET', '/api/intake', { cookie: w.cookie.supervisor });
    expect(queue.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, status: 'cancelled', statusReason: 'Patient found help elsewhere' }),
      ]),
    );
    const assign = await call(h.app, 'POST', `/api/intake/${id}/assign`, {
      cookie: w.cookie.supervisor,
      body: { chwId },
    });
    expect(assign.status).toBe(409);
  });

  it('after the CHW accepted it: a JSON Patch of status and reason; the CHW sees it and can no longer move it', async () => {
    const id = await referred('Pilar', 'Ortega', '1959-03-03');
    await call(h.app, 'POST', `/api/intake/${id}/assign`, { cookie: w.cookie.supervisor, body: { chwId } });
    const accepted = await call(h.app, 'POST', `/api/intake/${id}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'accepted' },
    });
    expect(accepted.status).toBe(200);
    const before = await read(id);
    const version = before.headers.get('etag') ?? '';
    // The CHW's phone, listening for news: it hears that something of an intake changed, never what.
    const hub = newsHub(h.db, h.config.databaseUrl);
    const heard: { kind: string; id: string }[] = [];
    let told = () => {};
    const toldOnce = new Promise<void>((resolve) => {
      told = resolve;
    });
    const stop = hub.listen({
      userId: chwId,
      orgId: w.org.orgId,
      sessionHash: 'cancel-test',
      hear: (news) => {
        heard.push(news);
        told();
      },
      end: () => {},
    });
    await hub.listening();
    expect(version).toBe(`W/"${(await row(id))?.version}"`);

    const reply = await patch(
      id,
      [
        { op: 'test', path: '/status', value: 'accepted' },
        { op: 'replace', path: '/status', value: 'cancelled' },
        { op: 'add', path: '/statusReason', value: { text: 'Moved out of the county' } },
      ],
      { 'if-match': version },
    );
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(fhir.validate(reply.body)).toEqual([]);
    expect(reply.body).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'Moved out of the county' },
    });
    await toldOnce;
    stop();
    expect(heard).toEqual([{ kind: 'intake', id }]);

    const mine = await call(h.app, 'GET', '/api/intake', { cookie: w.cookie.chw });
    expect(mine.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id, status: 'cancelled', statusReason: 'Moved out of the county' }),
      ]),
    );
    const move = await call(h.app, 'POST', `/api/intake/${id}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'in-progress' },
    });
    expect(move.status).toBe(409);
    expect((await trail(id)).at(-1)).toMatchObject({
      action: 'fhir.referral-cancelled',
      detail: { from: 'accepted' },
    });
  });

  it('is refused, nothing changed, when the Task is closed, another client’s, unknown, or the token may not update', async () => {
    const id = await referred('Tomás', 'Reyes', '1970-07-07');
    await call(h.app, 'POST', `/api/intake/${id}/assign`, { cookie: w.cookie.supervisor, body: { chwId } });
    for (const body of [
      { status: 'accepted' },
      { status: 'completed', outcome: 'got-help', note: 'Enrolled in the food pantry' },
    ])
      await call(h.app, 'POST', `/api/intake/${id}/answer`, { cookie: w.cookie.chw, body });
    const done = await row(id);
    expect(done?.status).toBe('completed');
    refused(await put(id, await cancelled(id, 'Too late')), 409, 'is completed already');

    const open = await referred('Luz', 'Campos', '2001-12-01');
    const body = await cancelled(open);
    const other = await otherClinic.token(SCOPES.join(' '));
    refused(await put(open, body, {}, other), 404, `Task/${open} is not a referral this client sent`);
    const unknown = randomUUID();
    refused(
      await put(unknown, { ...body, id: unknown }),
      404,
      `Task/${unknown} is not a referral this client sent`,
    );
    refused(await put(open, body, {}, await clinic.token('system/Task.rs')), 403, 'system/Task.u is missing');

    expect(await row(open)).toMatchObject({ status: 'received', version: 1 });
    expect(await row(id)).toEqual(done);
    expect((await trail(open)).map((a) => a.action)).toEqual(['fhir.referral-received']);
  });

  it('is refused in words an integrator understands: another status, another field, a mismatched If-Match', async () => {
    const id = await referred('Inés', 'Paredes', '1975-01-20');
    const asRead = (await read(id)).body;
    refused(await put(id, { ...asRead, status: 'completed' }), 422, 'may set only \\"cancelled\\"');
    refused(await put(id, { ...(await cancelled(id)), priority: 'stat' }), 422, 'Task.priority differs');
    refused(await put(id, { ...(await cancelled(id)), id: randomUUID() }), 400, 'Task.id must be present');
    refused(await put(id, { resourceType: 'Patient', id }), 422, 'must be a Task');
    refused(await patch(id, [{ op: 'replace', path: '/owner', value: {} }]), 422, 'may only replace /status');
    refused(
      await patch(id, [
        { op: 'replace', path: '/status', value: 'cancelled' },
        { op: 'add', path: '/statusReason', value: { text: 'Moved\u0000away' } },
      ]),
      400,
      'holds a NUL character',
    );
    refused(
      await patch(id, [
        { op: 'test', path: '/status', value: 'accepted' },
        { op: 'replace', path: '/status', value: 'cancelled' },
      ]),
      409,
      'not \\"accepted\\"',
    );
    refused(
      await call(h.app, 'PATCH', `/fhir/r4/Task/${id}`, {
        raw: '[]',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
      }),
      415,
      'json-patch+json',
    );
    // Moved since the clinic's read: the assignment made a new version.
    await call(h.app, 'POST', `/api/intake/${id}/assign`, { cookie: w.cookie.supervisor, body: { chwId } });
    refused(await put(id, await cancelled(id), { 'if-match': 'W/"1"' }), 412, 'not 1 as If-Match says');
    refused(await put(id, await cancelled(id), { 'if-match': '*' }), 412, 'If-Match must name a version');
    expect((await row(id))?.status).toBe('received');
    expect((await trail(id)).map((a) => a.action)).not.toContain('fhir.referral-cancelled');

    // Without a reason, cancelled it is; without If-Match, the last writer wins as FHIR allows.
    const reply = await put(id, await cancelled(id));
    expect(reply.status).toBe(200);
    expect(fhir.validate(reply.body)).toEqual([]);
    expect(reply.body.statusReason).toBeUndefined();
  });

  it('cancelled by many requests at once: one cancels, the others are told it is cancelled already', async () => {
    const id = await referred('Rafael', 'Soto', '1990-07-04');
    const ops = [{ op: 'replace', path: '/status', value: 'cancelled' }];
    const replies = await Promise.all(Array.from({ length: 6 }, () => patch(id, ops)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect((await trail(id)).map((a) => a.action)).toEqual([
      'fhir.referral-received',
      'fhir.referral-cancelled',
    ]);
  });

  it('is listed in the CapabilityStatement: update and patch on Task, version-aware', async () => {
    const meta = await call(h.app, 'GET', '/fhir/r4/metadata');
    expect(fhir.validate(meta.body)).toEqual([]);
    const rest = (
      meta.body.rest as {
        resource: { type: string; interaction: { code: string }[]; versioning?: string }[];
      }[]
    )[0];
    const task = rest?.resource.find((r) => r.type === 'Task');
    expect(task?.interaction.map((i) => i.code)).toEqual(['read', 'search-type', 'update', 'patch']);
    expect(task?.versioning).toBe('versioned-update');
    // Other types stay read-only.
    const patient = rest?.resource.find((r) => r.type === 'Patient');
    expect(patient?.interaction.map((i) => i.code)).toEqual(['read', 'search-type']);
    const write = await call(h.app, 'PUT', '/fhir/r4/Patient/x', {
      raw: '{}',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' },
    });
    expect(write.status).toBe(405);
  });
});
