import { type Referral, type ReferralSettings, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call } from '../../test/http.js';
import { ORG_ID, sampleDirectory } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { consent, device, mutation, pullAll, pushBatch, referral, visit } from './testing.js';

// Following up a referral with no signal: moves and contact attempts made on the
// phone, pushed later, through the same rules as the referral's own routes.

const h = useApp();

async function world(slug: string): Promise<CaseloadWorld> {
  const w = await caseloadWorld(h, slug);
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  return w;
}

/** A person of `cookie`'s caseload, referred to the pantry; returns both ids. */
async function referred(cookie: string, name: string) {
  const person = await register(h, cookie, { givenName: name });
  const made = referral(person.id);
  const { results } = await pushBatch(h, device(cookie), [
    consent(person.id, { kind: 'service' }),
    consent(person.id, { kind: 'share', partnerCategory: 'food' }),
    made,
  ]);
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  return { clientId: person.id, referralId: made.referral.id };
}

type Ids = Awaited<ReturnType<typeof referred>>;
const move = ({ clientId, referralId }: Ids, body: Record<string, unknown>) =>
  mutation('referral.move', clientId, { referralId, move: body });
const attempt = ({ clientId, referralId }: Ids, result: string) =>
  mutation('referral.attempt', clientId, { referralId, attempt: { result } });

/** The referral's history on the server, as "kind:status-or-result" lines in order. */
async function history(referralId: string): Promise<string[]> {
  const rows = await h.db.query<{ line: string }>(
    `select kind || ':' || coalesce(status, contact_result, '') as line from referral_event
      where referral_id = $1 order by at, id`,
    [referralId],
  );
  return rows.map((r) => r.line);
}

async function stored(referralId: string) {
  const [row] = await h.db.query<{ status: string; reason: string | null; outcome: string | null }>(
    'select status, status_reason as reason, outcome from referral where id = $1',
    [referralId],
  );
  return row;
}

describe('referral follow-up with no signal, for a partner that answers through the CHW', () => {
  let w: CaseloadWorld;
  beforeAll(async () => {
    w = await world('referral-moves');
  });

  it('applies a move and an attempt once, with their audit, and changes nothing on replay', async () => {
    const ids = await referred(w.cookie.chw, 'En Espera');
    const phone = device(w.cookie.chw);
    const batch = [
      attempt(ids, 'no-answer'),
      move(ids, { status: 'on-hold', reason: 'Esperando sus papeles', capacity: 'waitlist' }),
    ];
    const first = await pushBatch(h, phone, batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const snapshot = async () => ({
      referral: await stored(ids.referralId),
      history: await history(ids.referralId),
      audit: (
        await h.db.query<{ action: string }>(
          `select action from audit_event where subject_id = $1 and action like 'referral.%' order by seq`,
          [ids.clientId],
        )
      ).map((r) => r.action),
    });
    const before = await snapshot();
    expect(before).toEqual({
      referral: { status: 'on-hold', reason: 'Esperando sus papeles', outcome: null },
      history: ['created:requested', 'contact-attempt:no-answer', 'status:on-hold'],
      audit: ['referral.made', 'referral.contact-attempt', 'referral.changed'],
    });

    const again = await pushBatch(h, phone, batch);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(await snapshot()).toEqual(before);
  });

  it('closes as "could not contact" only after the program’s attempts without an answer, as online', async () => {
    const ids = await referred(w.cookie.chw, 'Sin Respuesta');
    const phone = device(w.cookie.chw);
    const unreachable = { status: 'failed', outcome: 'could-not-contact', reason: 'No contesta' };
    // Reaching the person is not a failed attempt: two of three count.
    const early = move(ids, unreachable);
    const first = await pushBatch(h, phone, [
      attempt(ids, 'reached'),
      attempt(ids, 'no-answer'),
      attempt(ids, 'left-message'),
      early,
    ]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected']);
    expect(first.results[3]?.problem).toMatchObject({ status: 409, code: 'referralTooFewAttempts' });
    expect(String(first.results[3]?.problem?.title)).toContain('3');
    expect((await stored(ids.referralId))?.status).toBe('requested');

    // One more try, then the same closing (a new change on the phone): now allowed.
    const second = await pushBatch(h, phone, [attempt(ids, 'wrong-number'), move(ids, unreachable)]);
    expect(second.results.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await stored(ids.referralId)).toEqual({
      status: 'failed',
      reason: 'No contesta',
      outcome: 'could-not-contact',
    });
    // The early refusal stays a refusal on replay; a closed referral takes no more attempts.
    const late = await pushBatch(h, phone, [early, attempt(ids, 'no-answer')]);
    expect(late.results.map((r) => [r.status, r.problem?.code])).toEqual([
      ['rejected', 'referralTooFewAttempts'],
      ['rejected', 'referralClosed'],
    ]);
    const attempts = (await history(ids.referralId)).filter((l) => l.startsWith('contact-attempt'));
    expect(attempts).toHaveLength(4);
  });

  it('refuses moves and attempts on a referral outside the caller’s caseload, writing nothing', async () => {
    const theirs = await referred(w.cookie.chw2, 'De Otra');
    const mine = await register(h, w.cookie.chw, { givenName: 'Mía' });
    const { results } = await pushBatch(h, device(w.cookie.chw), [
      move(theirs, { status: 'cancelled', reason: 'Ya no' }),
      attempt(theirs, 'no-answer'),
      // Naming a person of one's own does not make someone else's referral one's own.
      move({ ...theirs, clientId: mine.id }, { status: 'cancelled', reason: 'Ya no' }),
    ]);
    expect(results.map((r) => [r.status, r.problem?.code])).toEqual(
      Array(3).fill(['rejected', 'referralNotFound']),
    );
    expect(await history(theirs.referralId)).toEqual(['created:requested']);
  });
});

describe('the program’s own number of tries', () => {
  it('reaches the phone with the caseload, as the settings say it, and holds a closing pushed later to it', async () => {
    const w = await world('referral-tries');
    const saved = await call(h.app, 'PUT', '/api/referrals/settings', {
      cookie: w.cookie.admin,
      body: { attemptsBeforeUnreachable: 2, followUpAfterDays: 10 },
    });
    expect(saved.status).toBe(200);
    const settings = await call(h.app, 'GET', '/api/referrals/settings', { cookie: w.cookie.chw });
    const phone = device(w.cookie.chw);
    const pages = await pullAll(h, phone);
    expect(pages.map((p) => p.program.attemptsBeforeUnreachable)).toEqual(
      pages.map(() => bodyAs<ReferralSettings>(settings).attemptsBeforeUnreachable),
    );
    expect(pages[0]?.program.attemptsBeforeUnreachable).toBe(2);

    // Two tries are enough now, where the default would ask for three.
    const ids = await referred(w.cookie.chw, 'Dos Intentos');
    const unreachable = { status: 'failed', outcome: 'could-not-contact', reason: 'No contesta' };
    const { results } = await pushBatch(h, phone, [
      attempt(ids, 'no-answer'),
      attempt(ids, 'wrong-number'),
      move(ids, unreachable),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await stored(ids.referralId))?.status).toBe('failed');
  });
});

describe('a move the partner’s answer overtook', () => {
  let w: CaseloadWorld;
  beforeAll(async () => {
    w = await world('referral-overtaken');
    const linked = await call(h.app, 'PUT', `/api/partners/${w.org.ids[w.org.partner]}`, {
      cookie: w.cookie.admin,
      body: { organizationId: ORG_ID },
    });
    expect(linked.status).toBe(200);
  });

  it('is refused as the route refuses it, remembered, and the rest of the batch still applies', async () => {
    const ids = await referred(w.cookie.chw, 'Ya Atendida');
    // While Rosa's phone has no signal, the pantry accepts and completes the referral.
    for (const status of ['accepted', 'completed']) {
      const answered = await call(h.app, 'POST', `/api/partner/referrals/${ids.referralId}/status`, {
        cookie: w.cookie.partner,
        body: { status },
      });
      expect(answered.status).toBe(200);
    }
    const cancel = { status: 'cancelled', reason: 'Ya no lo necesita' };
    const phone = device(w.cookie.chw);
    const batch = [move(ids, cancel), visit(ids.clientId)];
    const first = await pushBatch(h, phone, batch);
    expect(first.results.map((r) => r.status)).toEqual(['rejected', 'applied']);

    const online = await call(h.app, 'POST', `/api/referrals/${ids.referralId}/status`, {
      cookie: w.cookie.chw,
      body: cancel,
    });
    expect(online.status).toBe(409);
    const { type, title, status, code } = online.body;
    expect(first.results[0]?.problem).toMatchObject({ type, title, status, code });
    expect(code).toBe('referralStatusNotAllowed');

    const again = await pushBatch(h, phone, batch);
    expect(again.results.map((r) => r.status)).toEqual(['rejected', 'duplicate']);
    expect(again.results[0]?.problem).toEqual(first.results[0]?.problem);
    expect(await history(ids.referralId)).toEqual([
      'created:requested',
      'status:accepted',
      'status:completed',
    ]);
    const card = await call(h.app, 'GET', `/api/referrals/${ids.referralId}`, { cookie: w.cookie.chw });
    expect(bodyAs<Referral>(card)).toMatchObject({ status: 'completed', outcome: 'got-help' });
  });

  it('holds the sending program to its own moves offline too', async () => {
    const ids = await referred(w.cookie.chw, 'Sin Cuenta');
    const { results } = await pushBatch(h, device(w.cookie.chw), [
      move(ids, { status: 'completed' }),
      { id: uuidv7(), kind: 'referral.move', clientId: ids.clientId, referralId: ids.referralId },
    ]);
    expect(results.map((r) => [r.status, r.problem?.code])).toEqual([
      ['rejected', 'referralNotYourMove'],
      ['rejected', 'validation'],
    ]);
    expect(await history(ids.referralId)).toEqual(['created:requested']);
  });
});
