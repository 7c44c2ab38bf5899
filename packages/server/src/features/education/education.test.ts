import type { Encounter, HelpPage, PublicTopic, Topic, TopicShare, TopicSummary } from '@puente/core';
import { addDays } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { bodyAs, call } from '../../test/http.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'learn');
});

const today = () => programToday();
const tokenOf = (url: string) => url.split('/learn/')[1] ?? '';

describe('the library', () => {
  it('lists the ten shipped topics in both languages, linked, with their reading level', async () => {
    const { topics } = bodyAs<{ topics: TopicSummary[] }>(
      await call(h.app, 'GET', '/api/education/topics', { cookie: w.cookie.chw }),
    );
    expect(topics).toHaveLength(20);
    const grief = topics.find((t) => t.id === 'grief-es');
    expect(grief).toMatchObject({ otherLanguage: 'grief-en', version: 0, language: 'es' });
    expect(grief?.readability.formula).toBe('fernandez-huerta');
  });

  it('lets an admin save new versions, keeps every one, and refuses a save over a newer one', async () => {
    const topic = bodyAs<Topic>(
      await call(h.app, 'GET', '/api/education/topics/grief-en', { cookie: w.cookie.admin }),
    );
    const save = (baseVersion: number, body: string) =>
      call(h.app, 'PUT', '/api/education/topics/grief-en', {
        cookie: w.cookie.admin,
        body: { title: topic.title, topic: 'grief', language: 'en', body, baseVersion },
      });
    const first = await save(0, `${topic.body}\n\nOur group meets on Tuesdays.`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, savedBy: 'admin of learn' });
    expect((await save(1, 'Shorter text. It is easy to read.')).body).toMatchObject({ version: 2 });
    const stale = await save(1, 'An edit that started from version 1.');
    expect(stale.status).toBe(409);
    const { versions } = bodyAs<{ versions: { version: number }[] }>(
      await call(h.app, 'GET', '/api/education/topics/grief-en/versions', { cookie: w.cookie.admin }),
    );
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    // Another organization still has the shipped text.
    const theirs = bodyAs<Topic>(
      await call(h.app, 'GET', '/api/education/topics/grief-en', { cookie: w.cookie.otherAdmin }),
    );
    expect(theirs.version).toBe(0);
  });

  it('refuses a topic whose address does not match its subject and language', async () => {
    const reply = await call(h.app, 'PUT', '/api/education/topics/sleep-en', {
      cookie: w.cookie.admin,
      body: { title: 'Sleep', topic: 'sleep', language: 'es', body: 'Dormir bien.' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('topicIdMismatch');
  });

  it.each(['chw', 'supervisor', 'manager'] as const)('does not let a %s edit the library', async (role) => {
    const reply = await call(h.app, 'PUT', '/api/education/topics/grief-en', {
      cookie: w.cookie[role],
      body: { title: 'Mine', topic: 'grief', language: 'en', body: 'Changed.' },
    });
    expect(reply.status).toBe(403);
  });
});

describe('sharing a topic with a person', () => {
  it('sends it in the person’s language, records a psychoeducation contact, audits it, and the link opens signed out', async () => {
    const person = await register(h, w.cookie.chw, {
      givenName: 'Ernesto',
      phone: '(213) 373-4253',
      okToText: true,
      preferredLanguage: 'es-MX',
    });
    const reply = await call(h.app, 'POST', `/api/clients/${person.id}/education-shares`, {
      cookie: w.cookie.chw,
      body: { topicId: 'stress-coping-en', channel: 'whatsapp', expiresOn: addDays(today(), 7) },
    });
    expect(reply.status).toBe(201);
    const share = bodyAs<TopicShare>(reply);
    expect(share.language).toBe('es');
    expect(share.whatsappUrl).toMatch(/^https:\/\/wa\.me\/12133734253\?text=Hola/);
    expect(decodeURIComponent(share.smsUrl)).toContain(share.url);

    // Not safe to contact, or no texts agreed: the message is prepared, and the CHW chooses who gets it.
    for (const over of [{ okToText: true, safeToContact: false }, { okToText: false }]) {
      const guarded = await register(h, w.cookie.chw, {
        givenName: 'Resguardo',
        phone: '(213) 373-4254',
        notADuplicate: true,
        ...over,
      });
      const shared = bodyAs<TopicShare>(
        await call(h.app, 'POST', `/api/clients/${guarded.id}/education-shares`, {
          cookie: w.cookie.chw,
          body: { topicId: 'stress-coping-en', channel: 'sms', expiresOn: addDays(today(), 7) },
        }),
      );
      expect(shared.whatsappUrl).toMatch(/^https:\/\/wa\.me\/\?text=/);
      expect(shared.smsUrl).toMatch(/^sms:\?body=/);
    }

    const { encounters } = bodyAs<{ encounters: Encounter[] }>(
      await call(h.app, 'GET', `/api/clients/${person.id}/encounters`, { cookie: w.cookie.chw }),
    );
    expect(encounters[0]).toMatchObject({
      id: share.encounterId,
      kind: 'text',
      activities: ['psychoeducation'],
    });
    const audit = await h.db.query(
      "select detail from audit_event where action = 'education.topic-shared' and subject_id = $1",
      [person.id],
    );
    expect(audit).toHaveLength(1);

    const opened = await call(h.app, 'GET', `/api/public/learn/${tokenOf(share.url)}`);
    expect(opened.status).toBe(200);
    const page = bodyAs<PublicTopic>(opened);
    expect(page).toMatchObject({ language: 'es', title: 'El estrés y cómo manejarlo' });
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(JSON.stringify(page)).not.toMatch(new RegExp(`${person.id}|Ernesto|${w.org.orgId}`));
  });

  it('stops the link after its last day', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Caduca' });
    const share = bodyAs<TopicShare>(
      await call(h.app, 'POST', `/api/clients/${person.id}/education-shares`, {
        cookie: w.cookie.chw,
        body: { topicId: 'grief-es', channel: 'link', expiresOn: today() },
      }),
    );
    expect((await call(h.app, 'GET', `/api/public/learn/${tokenOf(share.url)}`)).status).toBe(200);
    await h.db.query(
      "update education_share set expires_at = now() - interval '1 minute' where client_id = $1",
      [person.id],
    );
    const expired = await call(h.app, 'GET', `/api/public/learn/${tokenOf(share.url)}`);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('linkExpired');
  });

  it('refuses a person outside the caller’s caseload, a past last day, and a manager', async () => {
    const person = await register(h, w.cookie.chw, { givenName: 'Ajena' });
    const body = { topicId: 'grief-es', channel: 'print', expiresOn: addDays(today(), 3) };
    const url = `/api/clients/${person.id}/education-shares`;
    expect((await call(h.app, 'POST', url, { cookie: w.cookie.chw2, body })).status).toBe(404);
    expect((await call(h.app, 'POST', url, { cookie: w.cookie.manager, body })).status).toBe(403);
    const past = await call(h.app, 'POST', url, {
      cookie: w.cookie.chw,
      body: { ...body, expiresOn: addDays(today(), -1) },
    });
    expect(past.status).toBe(400);
    expect(await h.db.query('select 1 from encounter where client_id = $1', [person.id])).toHaveLength(0);
  });
});

describe('the public "find help" page', () => {
  it('is off until an admin turns it on; then it shows the crisis lines and the library, and nothing else', async () => {
    expect((await call(h.app, 'GET', '/api/public/help/learn-help')).status).toBe(404);
    await call(h.app, 'PUT', '/api/program/crisis-response', {
      cookie: w.cookie.admin,
      body: {
        crisisLines: [
          { label: '988 Suicide & Crisis Lifeline', phone: '988', sms: '988', language: 'en' },
          { label: 'Línea 988 (español)', phone: '988', language: 'es' },
        ],
        onCall: [{ userId: w.org.ids[w.org.supervisor], phone: '+15550100999' }],
        rescreenDays: 28,
        rescreenFromTotal: 10,
      },
    });
    const saved = await call(h.app, 'PUT', '/api/program/help-page', {
      cookie: w.cookie.admin,
      body: { enabled: true, slug: 'learn-help' },
    });
    expect(saved.status).toBe(200);
    const taken = await call(h.app, 'PUT', '/api/program/help-page', {
      cookie: w.cookie.otherAdmin,
      body: { enabled: true, slug: 'learn-help' },
    });
    expect(taken.status).toBe(409);

    const reply = await call(h.app, 'GET', '/api/public/help/learn-help?lang=es');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toBeNull();
    const page = bodyAs<HelpPage>(reply);
    expect(page.crisisLines[0]?.label).toBe('Línea 988 (español)');
    expect(page.topics).toHaveLength(10);
    expect(page.topics.every((t) => t.id.endsWith('-es'))).toBe(true);
    const text = JSON.stringify(page);
    // No on-call person, no user or organization ids.
    expect(text).not.toMatch(/supervisor of learn|5550100999/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    const topic = await call(h.app, 'GET', '/api/public/help/learn-help/topics/crisis-lines-en');
    expect(bodyAs<PublicTopic>(topic).crisisLines[0]?.label).toBe('988 Suicide & Crisis Lifeline');
  });

  it('does not let a CHW change the page', async () => {
    const reply = await call(h.app, 'PUT', '/api/program/help-page', {
      cookie: w.cookie.chw,
      body: { enabled: false, slug: 'mine' },
    });
    expect(reply.status).toBe(403);
  });
});
