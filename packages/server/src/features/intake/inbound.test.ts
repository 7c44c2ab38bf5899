import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call, type Reply } from '../../test/http.js';
import { type ClinicClient, clinicWithKeys, r4Validator } from '../fhir/testing.js';
import { referralBundle } from './testing.js';

// Referrals from clinics to the program (Gravity SDOHCC, the community organisation's side): a
// clinic's system sends a transaction Bundle, Puente refuses what it cannot take with nothing
// written, matches the person against the caseload, and the sender alone reads the Task back.
const h = useApp();
const fhir = r4Validator();
let w: CaseloadWorld;
let clinic: ClinicClient;
let otherClinic: ClinicClient;
let token: string;

const SCOPES = ['system/ServiceRequest.cru', 'system/Task.cru'];
/** What the clinics' registrations allow: the referral scopes, and searching Tasks. */
const ALLOWED = [...SCOPES, 'system/Task.rs'];

const send = (body: unknown, bearer = token, contentType = 'application/fhir+json') =>
  call(h.app, 'POST', '/fhir/r4', {
    raw: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { authorization: `Bearer ${bearer}`, 'content-type': contentType },
  });
const read = (path: string, bearer = token) =>
  call(h.app, 'GET', path, { headers: { authorization: `Bearer ${bearer}` } });

/** The Task id of a transaction-response. */
function taskOf(reply: Reply): string {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(fhir.validate(reply.body)).toEqual([]);
  const entries = reply.body.entry as { response: { status: string; location?: string } }[];
  const location = entries.find((e) => e.response.location?.startsWith('Task/'))?.response.location;
  return String(location).split('/')[1] ?? '';
}

async function counts() {
  const [row] = await h.db.query<{ referrals: number; people: number }>(
    `select (select count(*)::int from inbound_referral where org_id = $1) as referrals,
            (select count(*)::int from client where org_id = $1) as people`,
    [w.org.orgId],
  );
  return row;
}

const clientOf = async (taskId: string) =>
  (
    await h.db.query<{ clientId: string; matched: string }>(
      'select client_id as "clientId", matched from inbound_referral where id = $1',
      [taskId],
    )
  )[0];

beforeAll(async () => {
  w = await caseloadWorld(h, 'inbound');
  clinic = await clinicWithKeys(
    h,
    w.cookie.admin,
    { name: 'Clínica del Valle', partnerName: 'Clínica del Valle' },
    ALLOWED,
  );
  otherClinic = await clinicWithKeys(
    h,
    w.cookie.admin,
    { name: 'Hospital Norte', partnerName: 'Hospital Norte' },
    ALLOWED,
  );
  token = await clinic.token(SCOPES.join(' '));
});

describe('a referral from a clinic', () => {
  it('is taken whole: a transaction-response, a Task on the intake queue the clinic reads back, all valid R4', async () => {
    const before = await counts();
    const reply = await send(referralBundle({ given: 'Rosa', family: 'Quintero', birthDate: '1980-04-02' }));
    const id = taskOf(reply);
    const statuses = (reply.body.entry as { response: { status: string } }[]).map((e) => e.response.status);
    expect(statuses).toEqual(['202 Accepted', '202 Accepted', '201 Created', '201 Created']);
    expect(await counts()).toEqual({
      referrals: (before?.referrals ?? 0) + 1,
      people: (before?.people ?? 0) + 1,
    });
    expect((await clientOf(id))?.matched).toBe('created');

    const task = await read(`/fhir/r4/Task/${id}`);
    expect(task.status).toBe(200);
    expect(fhir.validate(task.body)).toEqual([]);
    expect(task.body).toMatchObject({ status: 'received', focus: { reference: `ServiceRequest/${id}` } });
    // The clinic's own identifier names the person: Puente's record is not the clinic's to open.
    expect(JSON.stringify(task.body)).not.toContain('Patient/');
    const request = await read(`/fhir/r4/ServiceRequest/${id}`);
    expect(fhir.validate(request.body)).toEqual([]);
    expect(request.body).toMatchObject({
      status: 'active',
      code: { text: 'Help applying for food assistance' },
    });

    const queue = await call(h.app, 'GET', '/api/intake', { cookie: w.cookie.supervisor });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id,
          name: 'Rosa Quintero',
          status: 'received',
          need: 'food-insecurity',
          chw: null,
        }),
      ]),
    );
    const audit = await h.db.query<{ action: string }>(
      `select action from audit_event where org_id = $1 and (subject_id = $2 or action like 'intake.%')`,
      [w.org.orgId, id],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['fhir.referral-received', 'intake.listed']),
    );
  });

  it('sent again with the same ServiceRequest identifier answers with the first Task and writes nothing', async () => {
    const bundle = referralBundle({ given: 'Inés', family: 'Paredes', birthDate: '1975-01-20' });
    const first = taskOf(await send(bundle));
    const before = await counts();
    const again = await send(bundle);
    expect(taskOf(again)).toBe(first);
    expect((again.body.entry as { response: { status: string } }[])[3]?.response.status).toBe('200 OK');
    expect(await counts()).toEqual(before);
  });

  it('sent twice at once leaves one referral and one new person, whichever answer each send gets', async () => {
    const bundle = referralBundle({ given: 'Olga', family: 'Bermúdez', birthDate: '1966-10-10' });
    const before = await counts();
    const replies = await Promise.all([send(bundle), send(bundle)]);
    for (const reply of replies) {
      expect([200, 409]).toContain(reply.status);
      expect(fhir.validate(reply.body)).toEqual([]);
    }
    expect(replies.some((r) => r.status === 200)).toBe(true);
    expect(await counts()).toEqual({
      referrals: (before?.referrals ?? 0) + 1,
      people: (before?.people ?? 0) + 1,
    });
  });

  it('is refused with an OperationOutcome (4xx, valid R4) when it cannot be taken, and nothing is written', async () => {
    const person = { given: 'Marta', family: 'Salas', birthDate: '1990-06-15' };
    const bad: [string, unknown, number, string][] = [
      ['not JSON', '{"resourceType":', 400, 'not JSON'],
      ['a batch', { ...referralBundle(person), type: 'batch' }, 400, 'transaction'],
      [
        'no Consent',
        { ...referralBundle(person), entry: referralBundle(person).entry.slice(0, 1) },
        422,
        'four entries',
      ],
      [
        'a request about someone else',
        referralBundle(person, (e) => {
          (e[2] as Record<string, unknown>).subject = { reference: 'Patient/123' };
        }),
        422,
        'ServiceRequest).subject',
      ],
      [
        'a birth date that does not exist',
        referralBundle({ ...person, birthDate: '1990-02-30' }),
        422,
        'birthDate',
      ],
      [
        'a need not coded',
        referralBundle(person, (e) => {
          (e[2] as Record<string, unknown>).category = [{ text: 'food' }];
        }),
        422,
        'category',
      ],
      [
        'a Task already accepted',
        referralBundle(person, (e) => {
          (e[3] as Record<string, unknown>).status = 'accepted';
        }),
        422,
        'status',
      ],
      [
        'a Consent without its Patient',
        referralBundle(person, (e) => {
          delete (e[1] as Record<string, unknown>).patient;
        }),
        422,
        'patient',
      ],
    ];
    const before = await counts();
    for (const [what, body, status, words] of bad) {
      const reply = await send(body);
      expect(reply.status, what).toBe(status);
      expect(fhir.validate(reply.body), what).toEqual([]);
      expect(reply.body.resourceType, what).toBe('OperationOutcome');
      expect(JSON.stringify(reply.body), what).toContain(words.replace('ServiceRequest).', ''));
    }
    const wrongType = await send(referralBundle(person), token, 'text/plain');
    expect(wrongType.status).toBe(415);
    // A token that may read Tasks but not create requests.
    const reader = await clinic.token('system/Task.rs');
    const refused = await send(referralBundle(person), reader);
    expect(refused.status).toBe(403);
    expect(fhir.validate(refused.body)).toEqual([]);
    expect(await counts()).toEqual(before);
  });
});

describe('matching the person against the caseload', () => {
  it('refuses a NUL anywhere and JSON nested too deep in words (400, valid R4), and writes nothing', async () => {
    const person = { given: 'Marta', family: 'Salas', birthDate: '1990-06-15' };
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 200; i++) {
      const next: Record<string, unknown> = {};
      at.x = next;
      at = next;
    }
    const before = await h.db.query('select id from inbound_referral');
    for (const body of [
      referralBundle({ ...person, given: 'Ma\u0000rta' }),
      referralBundle(person, (e) => {
        (e[2] as Record<string, unknown>).reasonCode = [{ text: 'a\u0000b' }];
      }),
      referralBundle(person, (e) => {
        (e[2] as Record<string, unknown>).extension = [deep];
      }),
    ]) {
      const reply = await send(body);
      expect(reply.status, JSON.stringify(reply.body)).toBe(400);
      expect(reply.body.resourceType).toBe('OperationOutcome');
      expect(fhir.validate(reply.body)).toEqual([]);
    }
    expect(await h.db.query('select id from inbound_referral')).toEqual(before);
  });

  it('finds the person by name (accents and case aside), birth date and phone, and registers someone new otherwise', async () => {
    const held = await register(h, w.cookie.chw, {
      givenName: 'José',
      familyName: 'Hernández',
      birthDate: '1968-09-09',
      phone: '(555) 201-3344',
    });
    const same = taskOf(
      await send(
        referralBundle({
          given: 'Jose',
          family: 'HERNANDEZ',
          birthDate: '1968-09-09',
          phone: '555-201-3344',
        }),
      ),
    );
    expect(await clientOf(same)).toEqual({ clientId: held.id, matched: 'existing' });
    // Without a phone, name and birth date suffice.
    const noPhone = taskOf(
      await send(referralBundle({ given: 'José', family: 'Hernández', birthDate: '1968-09-09' })),
    );
    expect((await clientOf(noPhone))?.clientId).toBe(held.id);
    // Another birth date, or another phone, is someone else until a CHW merges them.
    const otherDay = taskOf(
      await send(referralBundle({ given: 'José', family: 'Hernández', birthDate: '1968-09-10' })),
    );
    const otherPhone = taskOf(
      await send(
        referralBundle({
          given: 'José',
          family: 'Hernández',
          birthDate: '1968-09-09',
          phone: '555-777-1212',
        }),
      ),
    );
    for (const id of [otherDay, otherPhone]) {
      const found = await clientOf(id);
      expect(found?.matched).toBe('created');
      expect(found?.clientId).not.toBe(held.id);
    }
    // Once a CHW holds both and merges them, the referral follows the record kept.
    const chwId = w.org.ids[w.org.chw] ?? '';
    await call(h.app, 'POST', `/api/intake/${otherPhone}/assign`, {
      cookie: w.cookie.supervisor,
      body: { chwId },
    });
    const merged = await call(h.app, 'POST', `/api/clients/${held.id}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: (await clientOf(otherPhone))?.clientId },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBeLessThan(300);
    expect((await clientOf(otherPhone))?.clientId).toBe(held.id);
    expect((await read(`/fhir/r4/Task/${otherPhone}`)).status).toBe(200);
    // A person of another organization is never matched.
    const away = await h.db.query<{ n: number }>(
      `select count(*)::int as n from inbound_referral i join client c on c.id = i.client_id where c.org_id <> i.org_id`,
    );
    expect(away[0]?.n).toBe(0);
  });
});

describe('the Task, read back', () => {
  it('is the sender’s alone: another clinic of the same program gets 404 and finds none in a search', async () => {
    const id = taskOf(
      await send(referralBundle({ given: 'Luz', family: 'Campos', birthDate: '2001-12-01' })),
    );
    const other = await otherClinic.token(SCOPES.join(' '));
    for (const path of [`/fhir/r4/Task/${id}`, `/fhir/r4/ServiceRequest/${id}`]) {
      const reply = await read(path, other);
      expect(reply.status, path).toBe(404);
      expect(fhir.validate(reply.body)).toEqual([]);
      expect(JSON.stringify(reply.body)).not.toContain('Luz');
    }
    const search = await read('/fhir/r4/Task', await otherClinic.token('system/Task.rs'));
    expect(search.status).toBe(200);
    expect(JSON.stringify(search.body)).not.toContain(id);
    const own = await read('/fhir/r4/Task?status=received', await clinic.token('system/Task.rs'));
    expect(fhir.validate(own.body)).toEqual([]);
    expect(JSON.stringify(own.body)).toContain(id);
    // A client of another program, with the same scopes.
    const away = await clinicWithKeys(
      h,
      w.cookie.otherAdmin,
      { name: 'Clínica lejana', partnerName: 'Clínica del Valle' },
      SCOPES,
    );
    expect((await read(`/fhir/r4/Task/${id}`, await away.token('system/Task.cru'))).status).toBe(404);
  });

  it('follows the program: assigned, accepted, completed with its outcome; or declined with the reason', async () => {
    const id = taskOf(
      await send(referralBundle({ given: 'Pilar', family: 'Ortega', birthDate: '1959-03-03' })),
    );
    const chwId = w.org.ids[w.org.chw] ?? '';
    // A CHW does not assign, and the supervisor assigns only within their teams.
    expect(
      (await call(h.app, 'POST', `/api/intake/${id}/assign`, { cookie: w.cookie.chw, body: { chwId } }))
        .status,
    ).toBe(403);
    const outside = await call(h.app, 'POST', `/api/intake/${id}/assign`, {
      cookie: w.cookie.supervisor,
      body: { chwId: w.org.ids[w.org.chw2] },
    });
    expect(outside.status).toBe(400);
    const given = await call(h.app, 'POST', `/api/intake/${id}/assign`, {
      cookie: w.cookie.supervisor,
      body: { chwId },
    });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ status: 'received', chw: { id: chwId } });
    // The CHW it was not given to cannot answer it.
    expect(
      (
        await call(h.app, 'POST', `/api/intake/${id}/answer`, {
          cookie: w.cookie.chw2,
          body: { status: 'accepted' },
        })
      ).status,
    ).toBe(404);
    // Completing before accepting is not a move a Task makes.
    const early = await call(h.app, 'POST', `/api/intake/${id}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'completed', outcome: 'got-help' },
    });
    expect(early.status).toBe(409);
    for (const body of [{ status: 'accepted' }, { status: 'in-progress' }]) {
      const moved = await call(h.app, 'POST', `/api/intake/${id}/answer`, { cookie: w.cookie.chw, body });
      expect(moved.status).toBe(200);
      expect(fhir.validate((await read(`/fhir/r4/Task/${id}`)).body)).toEqual([]);
      expect((await read(`/fhir/r4/Task/${id}`)).body.status).toBe(body.status);
    }
    const done = await call(h.app, 'POST', `/api/intake/${id}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'completed', outcome: 'got-help', note: 'Enrolled in the food pantry' },
    });
    expect(done.status).toBe(200);
    const task = await read(`/fhir/r4/Task/${id}`);
    expect(fhir.validate(task.body)).toEqual([]);
    expect(task.body).toMatchObject({
      status: 'completed',
      output: [
        { valueCodeableConcept: { coding: [{ code: 'got-help' }], text: 'Enrolled in the food pantry' } },
      ],
    });
    expect((await read(`/fhir/r4/ServiceRequest/${id}`)).body.status).toBe('completed');
    // The person registered from the referral joined the CHW's caseload.
    const person = await clientOf(id);
    expect(
      (await call(h.app, 'GET', `/api/clients/${person?.clientId}`, { cookie: w.cookie.chw })).status,
    ).toBe(200);

    const declined = taskOf(
      await send(referralBundle({ given: 'Tomás', family: 'Reyes', birthDate: '1970-07-07' })),
    );
    await call(h.app, 'POST', `/api/intake/${declined}/assign`, {
      cookie: w.cookie.supervisor,
      body: { chwId },
    });
    const noReason = await call(h.app, 'POST', `/api/intake/${declined}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'rejected' },
    });
    expect(noReason.status).toBe(400);
    await call(h.app, 'POST', `/api/intake/${declined}/answer`, {
      cookie: w.cookie.chw,
      body: { status: 'rejected', reason: 'Lives outside the area we serve' },
    });
    const rejected = await read(`/fhir/r4/Task/${declined}`);
    expect(fhir.validate(rejected.body)).toEqual([]);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      statusReason: { text: 'Lives outside the area we serve' },
    });
    const trail = await h.db.query<{ action: string }>(
      `select action from audit_event where org_id = $1 and subject_id = $2 order by seq`,
      [w.org.orgId, id],
    );
    expect(trail.map((a) => a.action)).toEqual([
      'fhir.referral-received',
      'intake.assigned',
      'intake.answered',
      'intake.answered',
      'intake.answered',
    ]);
  });
});
