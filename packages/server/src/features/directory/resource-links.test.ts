import {
  addDays,
  type DirectorySearchResponse,
  type Encounter,
  localDate,
  type PublicResourcePage,
  type ResourceLink,
} from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { bodyAs, call, type Reply } from '../../test/http.js';
import { importDirectory } from '../hsds/import.js';
import { readJson } from '../hsds/read-json.js';
import { programSettings, saveProgramSettings } from '../settings/queries.js';
import { sampleDirectory, serviceId } from './sample-directory.js';

const h = useApp({ publicUrl: 'https://puente.test' });
let w: CaseloadWorld;
let person: { id: string };
let today: string;
const ids: Record<string, string> = {};
const PANTRY = 'Community Food Pantry';
const LIHEAP = 'Ayuda con la Luz (LIHEAP)';

beforeAll(async () => {
  w = await caseloadWorld(h, 'pages');
  await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  person = await register(h, w.cookie.chw, {
    givenName: 'Guadalupe',
    familyName: 'Reyes',
    phone: '(559) 555-0199',
    preferredLanguage: 'es',
  });
  const { results } = bodyAs<DirectorySearchResponse>(
    await call(h.app, 'GET', '/api/directory/search?limit=50', { cookie: w.cookie.chw }),
  );
  for (const r of results) ids[r.name] = r.id;
  today = localDate(new Date(), (await programSettings(h.db, w.org.orgId)).timeZone);
});

const tokenOf = (url: string) => url.split('/resources/')[1] ?? '';
const share = (body: Record<string, unknown>, cookie = w.cookie.chw, clientId = person.id) =>
  call(h.app, 'POST', `/api/clients/${clientId}/resource-links`, {
    cookie,
    body: { resourceIds: [ids[PANTRY]], language: 'es', expiresOn: addDays(today, 30), ...body },
  });
const open = (token: string) => call(h.app, 'GET', `/api/public/resource-links/${token}`);
const count = async (table: string) =>
  (await h.db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? 0;
const made = (reply: Reply) => {
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return bodyAs<ResourceLink>(reply);
};

describe('a private page of services for a person', () => {
  it('is made in the chosen language, recorded as a contact and audited, and opens signed out', async () => {
    const link = made(await share({ resourceIds: [ids[LIHEAP], ids[PANTRY], ids[LIHEAP]] }));
    expect(link.url).toMatch(/^https:\/\/puente\.test\/resources\/[\w-]{43}$/);
    expect(link).toMatchObject({ language: 'es', expiresOn: addDays(today, 30) });
    const stored = await h.db.query<{ token_hash: string }>('select token_hash from resource_link');
    expect(stored.map((s) => s.token_hash)).not.toContain(tokenOf(link.url));

    const reply = await open(tokenOf(link.url));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toBeNull();
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const page = bodyAs<PublicResourcePage>(reply);
    expect(page.language).toBe('es');
    expect(page.expiresOn).toBe(addDays(today, 30));
    // In the order chosen, each once.
    expect(page.resources.map((r) => r.name)).toEqual([LIHEAP, PANTRY]);
    expect(page.resources[1]).toEqual({
      name: PANTRY,
      organizationName: 'Red Comunitaria',
      description: 'Despensa de alimentos: groceries every week.',
      address: '100 Main St, Fresno, CA, 93701',
      phone: '559-555-0100',
      hours: [
        { day: 'MO', opens: '09:00', closes: '13:00' },
        { day: 'WE', opens: '09:00', closes: '13:00' },
        { day: 'FR', opens: '09:00', closes: '13:00' },
      ],
      hoursNote: null,
      howToApply: 'Walk in or call.',
      url: null,
      languages: ['en', 'es'],
      cost: 'free',
    });

    const { encounters } = bodyAs<{ encounters: Encounter[] }>(
      await call(h.app, 'GET', `/api/clients/${person.id}/encounters`, { cookie: w.cookie.chw }),
    );
    // The CHW works in Spanish: the note on the record is in her words.
    expect(encounters[0]).toMatchObject({
      id: link.encounterId,
      kind: 'text',
      language: 'es',
      activities: ['resource-connection'],
      note: `Envió una página privada con: ${LIHEAP}, ${PANTRY}.`,
    });
    const audit = await h.db.query<{ action: string; detail: Record<string, unknown> | null }>(
      "select action, detail from audit_event where action like 'directory.page-%' and subject_id = $1 order by seq",
      [person.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['directory.page-shared', 'directory.page-opened']);
    expect(audit[0]?.detail).toMatchObject({ services: [ids[LIHEAP], ids[PANTRY]], language: 'es' });
  });

  it('says nothing on the public page about the person, the CHW or the directory’s records', async () => {
    const link = made(await share({ language: 'en' }));
    const page = bodyAs<PublicResourcePage>(await open(tokenOf(link.url)));
    expect(page.language).toBe('en');
    expect(Object.keys(page).sort()).toEqual(['crisisLines', 'expiresOn', 'language', 'resources']);
    const text = JSON.stringify(page);
    for (const secret of [
      person.id,
      'Guadalupe',
      'Reyes',
      '555-0199',
      w.org.orgId,
      w.org.ids[w.org.chw] ?? 'no chw id',
      'chw of pages',
      link.encounterId,
      ids[PANTRY] ?? 'no pantry id',
      serviceId(0),
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('works through its last day in the program’s time zone, then says it has ended', async () => {
    // Kiritimati is 14 hours ahead of UTC: its "today" is often UTC's tomorrow.
    const zone = 'Pacific/Kiritimati';
    const before = await programSettings(h.db, w.org.orgId);
    await saveProgramSettings(h.db, w.org.orgId, { ...before, timeZone: zone });
    try {
      const local = localDate(new Date(), zone);
      const link = made(await share({ expiresOn: local }));
      expect((await open(tokenOf(link.url))).status).toBe(200);
      const [row] = await h.db.query<{ ends: boolean }>(
        `select expires_at = (($1::date + 1)::timestamp at time zone $2) as ends from resource_link
          where encounter_id = $3`,
        [local, zone, link.encounterId],
      );
      expect(row?.ends).toBe(true);
      expect((await share({ expiresOn: addDays(local, -1) })).body.code).toBe('shareExpiry');
      expect((await share({ expiresOn: addDays(local, 91) })).body.code).toBe('shareExpiry');
      expect((await share({ expiresOn: addDays(local, 90) })).status).toBe(201);

      await h.db.query(
        "update resource_link set expires_at = now() - interval '1 minute' where encounter_id = $1",
        [link.encounterId],
      );
      const ended = await open(tokenOf(link.url));
      expect(ended.status).toBe(410);
      expect(ended.body.code).toBe('linkExpired');
      expect(ended.headers.get('content-type')).toBe('application/problem+json');
      expect(ended.headers.get('cache-control')).toBe('no-store');
      const unknown = await open('not-a-real-token-but-long-enough');
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('linkNotFound');
    } finally {
      await saveProgramSettings(h.db, w.org.orgId, before);
    }
  });

  it('keeps showing the services as they were shared after the directory is imported again', async () => {
    const link = made(await share({ resourceIds: [ids[PANTRY], ids[LIHEAP]] }));
    const changed = sampleDirectory();
    for (const s of changed['services.csv'] ?? []) {
      if (s.id === serviceId(0)) s.name = 'Despensa Comunitaria';
      if (s.id === serviceId(2)) s.status = 'inactive';
    }
    for (const p of changed['phones.csv'] ?? []) if (p.service_id === serviceId(0)) p.number = '559-555-9999';
    await importDirectory(h.db, w.org.orgId, readJson(changed, 'changed.json'));
    const { results } = bodyAs<DirectorySearchResponse>(
      await call(h.app, 'GET', '/api/directory/search?q=despensa', { cookie: w.cookie.chw }),
    );
    expect(results[0]).toMatchObject({ name: 'Despensa Comunitaria', phone: '559-555-9999' });

    const page = bodyAs<PublicResourcePage>(await open(tokenOf(link.url)));
    expect(page.resources.map((r) => [r.name, r.phone])).toEqual([
      [PANTRY, '559-555-0100'],
      [LIHEAP, '559-555-0102'],
    ]);
    // A service gone from the directory cannot go on a new page.
    const refused = await share({ resourceIds: [ids[PANTRY], ids[LIHEAP]] });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      code: 'resourceNotInDirectory',
      errors: [{ path: 'resourceIds.1' }],
    });
    expect(String(refused.body.title)).toContain(ids[LIHEAP]);
    await importDirectory(h.db, w.org.orgId, readJson(sampleDirectory(), 'sample.json'));
  });
});

describe('refusals', () => {
  it('answers 404 for a person outside the caller’s caseload, and 403 to roles that do not do casework', async () => {
    const before = [await count('resource_link'), await count('encounter')];
    expect((await share({}, w.cookie.chw2)).status).toBe(404);
    expect((await share({}, w.cookie.otherAdmin)).status).toBe(403);
    expect((await share({}, w.cookie.manager)).status).toBe(403);
    expect((await share({}, w.cookie.admin)).status).toBe(403);
    const theirs = await register(h, w.cookie.chw2, { givenName: 'Otro' });
    expect((await share({}, w.cookie.chw, theirs.id)).status).toBe(404);
    expect([await count('resource_link'), await count('encounter')]).toEqual(before);
    // The CHW's supervisor may, as for the rest of her team's casework.
    expect((await share({}, w.cookie.supervisor)).status).toBe(201);
  });

  it.each([
    ['no service', { resourceIds: [] }, 'resourceIds'],
    ['eleven services', { resourceIds: Array.from({ length: 11 }, (_, i) => `s${i}`) }, 'resourceIds'],
    ['an empty id', { resourceIds: [''] }, 'resourceIds.0'],
    ['a language other than English or Spanish', { language: 'fr' }, 'language'],
    ['a day that is not a date', { expiresOn: '2026-02-30' }, 'expiresOn'],
    ['an unknown field', { clientName: 'Guadalupe' }, 'clientName'],
  ])('refuses %s as problem details and writes nothing', async (_, body, path) => {
    const before = [await count('resource_link'), await count('encounter')];
    const reply = await share(body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect((reply.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
    expect([await count('resource_link'), await count('encounter')]).toEqual(before);
  });

  it('names the service it cannot find, and writes nothing', async () => {
    const before = [await count('resource_link'), await count('encounter')];
    const reply = await share({ resourceIds: [ids[PANTRY], 'no-such-service'] });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({
      code: 'resourceNotInDirectory',
      errors: [{ path: 'resourceIds.1' }],
    });
    expect(String(reply.body.title)).toContain('no-such-service');
    expect([await count('resource_link'), await count('encounter')]).toEqual(before);
  });
});
