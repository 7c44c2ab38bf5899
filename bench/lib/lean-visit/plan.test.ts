import { describe, expect, it } from 'vitest';
import { madeFor, planVisit, type SentStatement, type VisitRequest, valuesFor } from './plan.js';

// Puente's statements for one visit, shortened from a capture (capture.ts): texts trimmed,
// values and answers as the driver saw them.
const org = '01a24ef3-abe2-760b-9dbb-cf84d363412e';
const chw = '01a24ef3-abe6-7a09-baa1-1aeba0027c60';
const person = '01a24ef3-ac90-7dc2-98ac-7a867957061a';
const visit = '01a24ef3-ad8f-796e-bcc6-e53580780a24';
const task = '01a24ef3-ad9c-7f56-b8b7-d7c8147a04ca';
const body = {
  kind: 'phone-call',
  occurredAt: '2026-12-07T05:22:02.248Z',
  language: 'es',
  durationMinutes: 10,
  activities: ['listening-support'],
  note: 'Llamada.',
};
const captured: VisitRequest = {
  tokenHash: 'ltl2oJlVZtiD934_Eu_mnwDyG4tHo0fHSNeQ6wHtLDY',
  clientId: person,
  body,
};
const sent: SentStatement[] = [
  {
    text: 'select u.id as "userId", u.org_id as "orgId", u.role, s.expires_at <= now() as expired from session s … where s.token_hash = $1',
    values: [captured.tokenHash],
    rows: [{ userId: chw, orgId: org, role: 'chw', expired: false }],
  },
  { text: 'begin', values: [], rows: [] },
  {
    text: "select 1 from client c where c.id = $1 and (c.org_id = $2 and c.assigned_chw_id = $3 or $4 = 'supervisor')",
    values: [person, org, chw, 'chw'],
    rows: [{ '?column?': 1 }],
  },
  {
    text: 'with made as (insert into encounter … values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) …) select …',
    values: [
      visit,
      org,
      person,
      chw,
      'phone-call',
      body.occurredAt,
      10,
      'es',
      ['listening-support'],
      'Llamada.',
      false,
    ],
    rows: [{ id: visit, kind: 'phone-call', occurredAt: '2026-12-07T05:22:02Z' }],
  },
  {
    text: 'with moved as (update task …) insert into task … select $5::uuid, $1, $2, $6::uuid, $8, $9, $3, $4, $7::uuid',
    values: [
      org,
      person,
      '2026-12-13',
      'rule:after-visit',
      task,
      chw,
      chw,
      'Seguimiento después de la visita',
      'follow-up-after-visit',
    ],
    rows: [],
  },
  {
    text: 'insert into audit_event (org_id, at, actor_id, actor_role, action, subject_type, subject_id, ip, detail) values ($1, …)',
    values: [
      org,
      '2026-12-07T05:22:02.273Z',
      chw,
      'chw',
      'encounter.recorded',
      'client',
      person,
      'unknown',
      `{"encounter":"${visit}","kind":"phone-call","sensitive":false}`,
    ],
    rows: [],
  },
  { text: 'commit', values: [], rows: [] },
];

describe('the lean baseline’s plan of a visit', () => {
  const plan = planVisit(sent, captured);
  // Another CHW's request, answered as the lean handler runs it: each statement's answer feeds the next.
  const otherOrg = '0190aaaa-0000-7000-8000-000000000001';
  const otherChw = '0190aaaa-0000-7000-8000-000000000002';
  const request: VisitRequest = {
    tokenHash: 'another-token-hash',
    clientId: '0190aaaa-0000-7000-8000-000000000003',
    body: { ...body, occurredAt: '2027-01-30T22:00:00.000Z', note: 'Otra llamada.', durationMinutes: 25 },
  };
  let n = 0;
  const made = madeFor(
    plan,
    request,
    () => `0190bbbb-0000-7000-8000-00000000000${++n}`,
    new Date('2027-01-30T22:00:01.000Z'),
  );
  const answered = [{ userId: otherChw, orgId: otherOrg, role: 'chw', expired: false }];
  const values = plan.statements.map((s) => valuesFor(s, request, made, answered));

  it('sends Puente’s texts, in Puente’s order', () => {
    expect(plan.statements.map((s) => s.text)).toEqual(sent.map((s) => s.text));
  });

  it('takes the session, the person and the body from the request, the user and organization from the session', () => {
    expect(values[0]).toEqual(['another-token-hash']);
    expect(values[2]).toEqual([request.clientId, otherOrg, otherChw, 'chw']);
    expect(values[3]?.slice(1)).toEqual([
      otherOrg,
      request.clientId,
      otherChw,
      'phone-call',
      '2027-01-30T22:00:00.000Z',
      25,
      'es',
      ['listening-support'],
      'Otra llamada.',
      false,
    ]);
  });

  it('makes a new visit id and names that same id in the audit event', () => {
    const id = values[3]?.[0];
    expect(id).not.toBe(visit);
    expect(values[5]?.[8]).toBe(`{"encounter":"${id}","kind":"phone-call","sensitive":false}`);
    expect(values[5]?.[6]).toBe(request.clientId);
  });

  it('makes the follow-up’s id and due day anew: six days after this visit, as in the capture', () => {
    expect(values[4]).toEqual([
      otherOrg,
      request.clientId,
      '2027-02-05',
      'rule:after-visit',
      '0190bbbb-0000-7000-8000-000000000002',
      otherChw,
      otherChw,
      'Seguimiento después de la visita',
      'follow-up-after-visit',
    ]);
    expect(values[5]?.[1]).toBe('2027-01-30T22:00:01.000Z');
  });

  it('refuses a request whose session or person is not found, as Puente would', () => {
    expect(plan.statements.map((s) => s.needsRow)).toEqual([true, false, true, true, false, false, false]);
  });
});
