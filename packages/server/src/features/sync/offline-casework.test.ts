import {
  type DirectorySlice,
  phq9,
  type Referral,
  type Screening,
  type SyncRow,
  sameValue,
  searchSlice,
  uuidv7,
} from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { sampleDirectory, serviceId } from '../directory/sample-directory.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { byPoints } from '../screenings/testing.js';
import { consent, device, mutation, pullAll, pushBatch, referral, registration } from './testing.js';

// Screens, consents and referrals made with no signal, pushed later, and pulled by other devices.

const h = useApp();
let w: CaseloadWorld;
const FOOD = serviceId(0);

beforeAll(async () => {
  w = await caseloadWorld(h, 'casework');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
});

const screening = (clientId: string, points = [0, 0, 0, 0, 0, 0, 0, 0, 1]) =>
  mutation('screening.record', clientId, { screening: byPoints(phq9, 'phq9', points) });
const alert = (clientId: string) => ({
  id: uuidv7(),
  kind: 'alert.raise',
  alert: { id: uuidv7(), clientId, note: 'Dijo que a veces piensa en no despertar' },
});
const count = async (table: string, clientId: string) =>
  Number(
    (
      await h.db.query<{ n: number }>(`select count(*)::int as n from ${table} where client_id = $1`, [
        clientId,
      ])
    )[0]?.n,
  );
const rowsOf = (pages: { rows: SyncRow[] }[], entity: SyncRow['entity'], clientId: string) =>
  pages.flatMap((p) => p.rows).filter((r) => r.entity === entity && r.clientId === clientId);

describe('offline casework through sync', () => {
  it('applies a day’s offline work once, with one alert for the crisis, and changes nothing on replay', async () => {
    const person = registration('Sin Señal');
    const id = person.client.id;
    // In the order the phone made them: the alert the crisis protocol queued comes after the screen.
    const batch = [
      person,
      consent(id, { kind: 'service' }),
      consent(id, { kind: 'share', partnerCategory: 'food' }),
      screening(id),
      alert(id),
      referral(id),
    ];
    const phone = device(w.cookie.chw);
    const first = await pushBatch(h, phone, batch);
    expect(first.results.map((r) => r.status)).toEqual(Array(6).fill('applied'));
    const snapshot = async () => ({
      consents: await count('consent', id),
      screenings: await count('screening', id),
      alerts: await count('risk_alert', id),
      referrals: await count('referral', id),
      audit: Number(
        (
          await h.db.query<{ n: number }>(
            'select count(*)::int as n from audit_event where subject_id = $1',
            [id],
          )
        )[0]?.n,
      ),
    });
    const before = await snapshot();
    expect(before).toMatchObject({ consents: 2, screenings: 1, alerts: 1, referrals: 1 });
    // The alert went first; the screen's item 9 joined it instead of paging the supervisor twice.
    const [raised] = await h.db.query<{ reason: string; repeated: number }>(
      `select a.reason, (select count(*)::int from alert_event e where e.alert_id = a.id and e.kind = 'repeated') as repeated
         from risk_alert a where a.client_id = $1`,
      [id],
    );
    expect(raised).toEqual({ reason: 'chw-judgement', repeated: 1 });

    const again = await pushBatch(h, phone, batch);
    expect(again.results.map((r) => r.status)).toEqual(Array(6).fill('duplicate'));
    expect(await snapshot()).toEqual(before);
  });

  it('scores a screen on the server: a high-risk screen pushed alone still raises the alert', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Sola' });
    const { results } = await pushBatch(h, device(w.cookie.chw), [screening(person.id)]);
    expect(results[0]?.status).toBe('applied');
    const [row] = await h.db.query<{ reason: string; screened: boolean }>(
      `select reason, screening_id is not null as screened from risk_alert where client_id = $1`,
      [person.id],
    );
    expect(row).toEqual({ reason: 'phq9-item9', screened: true });
  });

  it('refuses screens, consents and referrals about a person outside the caller’s scope, writing nothing', async () => {
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Ajena' });
    const { results } = await pushBatch(h, device(w.cookie.chw), [
      consent(theirs.id, { kind: 'service' }),
      screening(theirs.id),
      referral(theirs.id),
    ]);
    expect(results.map((r) => [r.status, r.problem?.code])).toEqual(
      Array(3).fill(['rejected', 'clientNotFound']),
    );
    for (const table of ['consent', 'screening', 'referral', 'risk_alert'])
      expect(await count(table, theirs.id)).toBe(0);
  });

  it('revokes a consent as of when the phone recorded it, once; a colleague’s revocation first is the same end', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Retira' });
    const phone = device(w.cookie.chw);
    const [sharedId, textId, lateId] = [uuidv7(), uuidv7(), uuidv7()];
    const given = consent(person.id, { id: sharedId, kind: 'share', partnerCategory: 'food' });
    const texts = consent(person.id, { id: textId, kind: 'text' });
    const late = consent(person.id, { id: lateId, kind: 'share', partnerName: 'Casa Esperanza' });
    await pushBatch(h, phone, [consent(person.id, { kind: 'service' }), given, texts, late]);
    // The share consent was recorded yesterday; the last one only now.
    await h.db.query(`update consent set recorded_at = now() - interval '1 day' where id = $1`, [sharedId]);
    const anHourAgo = Date.now() - 3_600_000;
    const revoke = (consentId: string, at = Date.now()) => ({
      id: uuidv7(at),
      kind: 'consent.revoke',
      clientId: person.id,
      consentId,
      revoke: { note: 'Ya no quiere que compartamos' },
    });
    const withdrawn = revoke(sharedId, anHourAgo);
    // A colleague revokes the text consent on the server before the phone's revocation arrives.
    const first = await call(h.app, 'POST', `/api/clients/${person.id}/consents/${textId}/revoke`, {
      cookie: w.cookie.supervisor,
      body: {},
    });
    expect(first.status).toBe(200);
    const { results } = await pushBatch(h, phone, [withdrawn, revoke(textId), revoke(lateId, anHourAgo)]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect((await pushBatch(h, phone, [withdrawn])).results.map((r) => r.status)).toEqual(['duplicate']);
    const rows = await h.db.query<{ id: string; at: Date; note: string | null; recordedAt: Date }>(
      'select id, revoked_at as at, revoke_note as note, recorded_at as "recordedAt" from consent where client_id = $1',
      [person.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(Math.abs(new Date(byId.get(sharedId)?.at ?? 0).getTime() - anHourAgo)).toBeLessThan(1000);
    expect(byId.get(sharedId)?.note).toBe('Ya no quiere que compartamos');
    // A phone's clock behind the server's cannot withdraw a consent before it was recorded.
    expect(new Date(byId.get(lateId)?.at ?? 0).getTime()).toBe(
      new Date(byId.get(lateId)?.recordedAt ?? 1).getTime(),
    );
    // The colleague's revocation stands as it was.
    expect(byId.get(textId)?.note).toBeNull();
    // Withdrawn means withdrawn: a referral the consent allowed is refused now.
    const refused = await pushBatch(h, phone, [referral(person.id)]);
    expect(refused.results[0]?.problem?.code).toBe('noShareConsent');
  });

  it('puts work done offline on a duplicate merged meanwhile on the record kept, instead of refusing it', async () => {
    const kept = await register(h, w.cookie.chw, { givenName: 'Consuelo', familyName: 'Paz' });
    const dup = await register(h, w.cookie.chw, { givenName: 'Chelo', notADuplicate: true });
    const phone = device(w.cookie.chw);
    // The phone holds Chelo and goes out of signal; meanwhile her supervisor merges her into Consuelo.
    const merged = await call(h.app, 'POST', `/api/clients/${kept.id}/merge`, {
      cookie: w.cookie.supervisor,
      body: { duplicateId: dup.id },
    });
    expect(merged.status).toBe(204);
    const visit = mutation('encounter.record', dup.id, {
      encounter: { id: uuidv7(), kind: 'home-visit', occurredAt: new Date().toISOString(), language: 'es' },
    });
    const { results } = await pushBatch(h, phone, [
      visit,
      consent(dup.id, { kind: 'service' }),
      screening(dup.id),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    for (const table of ['encounter', 'consent', 'screening']) {
      expect(await count(table, kept.id)).toBe(1);
      expect(await count(table, dup.id)).toBe(0);
    }
  });

  it('refuses a referral without consent to share, says why, and refuses its replay the same way', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Sin Permiso' });
    const phone = device(w.cookie.chw);
    const batch = [consent(person.id, { kind: 'service' }), referral(person.id)];
    const first = await pushBatch(h, phone, batch);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
    expect(first.results[1]?.problem).toMatchObject({ status: 403, code: 'noShareConsent' });
    expect(String(first.results[1]?.problem?.title)).toContain('Red Comunitaria');
    const again = await pushBatch(h, phone, batch);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'rejected']);
    expect(await count('referral', person.id)).toBe(0);
  });

  it('refuses a screen that does not fit its questionnaire, alone', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Respuesta Rara' });
    // Free text where PHQ-9 item 1 takes one of its coded options.
    const bad = mutation('screening.record', person.id, {
      screening: {
        ...byPoints(phq9, 'phq9', [0, 0, 0, 0, 0, 0, 0, 0, 0]),
        item: [{ linkId: 'phq9-1', answer: [{ valueString: 'sí' }] }],
      },
    });
    const { results } = await pushBatch(h, device(w.cookie.chw), [
      bad,
      consent(person.id, { kind: 'service' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'applied']);
    expect(results[0]?.problem?.status).toBe(422);
  });

  it('pulls screens and referrals with the person, follows their changes, and removes them with a transfer', async () => {
    const person = registration('Viajera');
    const id = person.client.id;
    const rosa = device(w.cookie.chw);
    await pushBatch(h, rosa, [
      person,
      consent(id, { kind: 'service' }),
      consent(id, { kind: 'share', partnerCategory: 'food' }),
      screening(id, [1, 1, 1, 1, 1, 1, 1, 1, 0]),
      referral(id),
    ]);
    // Another phone of Rosa's gets the whole record on its first sync.
    const tablet = device(w.cookie.chw);
    const first = await pullAll(h, tablet);
    const [screen] = rowsOf(first, 'screening', id);
    expect(screen?.data as Screening).toMatchObject({
      clientId: id,
      instrument: phq9.url,
      total: 8,
      complete: true,
    });
    expect(screen?.data).not.toHaveProperty('response');
    const [sent] = rowsOf(first, 'referral', id);
    const made = sent?.data as Referral;
    expect(made).toMatchObject({
      status: 'requested',
      serviceName: 'Community Food Pantry',
      failedContactAttempts: 0,
    });
    expect(made.nextStatuses.length).toBeGreaterThan(0);

    // A contact attempt changes the referral's card: the next pull sends it again, and nothing else that
    // changed. (On PostgreSQL a row may be sent again, unchanged, while another transaction in the cluster
    // is older than its change: that is harmless, so only rows that differ from the phone's copy count.)
    const logged = await call(h.app, 'POST', `/api/referrals/${made.id}/contact-attempts`, {
      cookie: w.cookie.chw,
      body: { result: 'no-answer' },
    });
    expect(logged.status).toBe(201);
    const next = await pullAll(h, tablet);
    const held = new Map(first.flatMap((p) => p.rows).map((r) => [`${r.entity}/${r.id}`, r]));
    const changed = next.flatMap((p) => p.rows).filter((r) => !sameValue(held.get(`${r.entity}/${r.id}`), r));
    expect(changed.map((r) => r.entity)).toEqual(['referral']);
    expect(rowsOf(next, 'referral', id)[0]?.data).toMatchObject({ failedContactAttempts: 1 });

    // Transferred to another CHW: the screens and referrals leave with the person.
    const moved = await call(h.app, 'POST', `/api/clients/${id}/transfer`, {
      cookie: w.cookie.admin,
      body: { chwId: w.org.ids[w.org.chw2], reason: 'Se mudó de barrio' },
    });
    expect(moved.status).toBe(204);
    const after = await pullAll(h, tablet);
    expect(after.flatMap((p) => p.removed)).toEqual([id]);
    const theirs = await pullAll(h, device(w.cookie.chw2));
    expect(rowsOf(theirs, 'screening', id)).toHaveLength(1);
    expect(rowsOf(theirs, 'referral', id)).toHaveLength(1);
  });
});

describe('the directory a phone keeps', () => {
  const slice = async (cookie: string, since?: string) => {
    const reply = await call(h.app, 'GET', `/api/sync/directory${since ? `?since=${since}` : ''}`, {
      cookie,
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return bodyAs<DirectorySlice>(reply);
  };

  it('sends the program’s cards once, then only that they are current, and finds services offline in Spanish', async () => {
    const full = await slice(w.cookie.chw);
    expect(full).toMatchObject({ unchanged: false, tooLarge: false });
    expect(full.entries.length).toBe(full.places);
    expect(JSON.stringify(full)).not.toContain('Viajera');
    const found = searchSlice(full, { q: 'despensa', limit: 10, offset: 0 });
    expect(found.results[0]?.name).toBe('Community Food Pantry');
    expect(searchSlice(full, { q: 'despnsa', limit: 10, offset: 0 }).results[0]?.name).toBe(
      'Community Food Pantry',
    );
    expect(
      searchSlice(full, { need: 'food', limit: 10, offset: 0 }).results.every((r) =>
        r.needs.includes('food'),
      ),
    ).toBe(true);

    const current = await slice(w.cookie.chw, full.version);
    expect(current).toMatchObject({ unchanged: true, version: full.version, entries: [] });
    // A flag on a service changes what its card says: a new version.
    const flagged = await call(h.app, 'POST', `/api/directory/services/${FOOD}/flags`, {
      cookie: w.cookie.chw,
      body: { reason: 'phone-not-working' },
    });
    expect(flagged.status).toBe(201);
    const changed = await slice(w.cookie.chw, full.version);
    expect(changed.unchanged).toBe(false);
    expect(changed.entries.find((e) => e.serviceId === FOOD)?.openFlags).toBe(1);
  });

  it('is the caller’s own program’s, is not for roles without a phone copy, and is not sent when too large', async () => {
    const elsewhere = await signIn(h.app, w.other.chw, PASSWORD);
    const theirs = await slice(elsewhere);
    expect(theirs).toMatchObject({ places: 0, entries: [] });
    const refused = await call(h.app, 'GET', '/api/sync/directory', { cookie: w.cookie.manager });
    expect(refused.status).toBe(403);

    await h.db.query(
      `insert into directory_entry (org_id, id, service_id, name_folded, document)
       select $1, 'place-' || g, 'service-' || g, 'place', ''::tsvector from generate_series(1, 2001) g`,
      [w.other.orgId],
    );
    const large = await slice(elsewhere);
    expect(large).toMatchObject({ tooLarge: true, places: 2001, entries: [] });
  });
});
