import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { programToday } from '../../test/dates.js';
import { call } from '../../test/http.js';

const h = useApp({ publicUrl: 'https://puente.test' });
let w: CaseloadWorld;
let clientId: string;
const content = {
  warningSigns: ['No puedo dormir', 'Me encierro en mi cuarto'],
  copingOnMyOwn: ['Salir a caminar'],
  peopleAndPlaces: ['La iglesia los domingos'],
  peopleToAsk: ['Mi hermana Lupe 555-0101'],
  professionals: ['Clínica del pueblo', 'Línea 988'],
  safeSurroundings: ['Las pastillas las guarda mi hermana'],
  likelyToUse: 'yes',
};
const daysFromNow = programToday;

beforeAll(async () => {
  w = await caseloadWorld(h, 'plan');
  clientId = (await register(h, w.cookie.chw, { givenName: 'Lucía' })).id;
});

describe('safety plans', () => {
  it('keeps every save as a new version and opens the newest', async () => {
    const path = `/api/clients/${clientId}/safety-plan`;
    expect((await call(h.app, 'GET', path, { cookie: w.cookie.chw })).status).toBe(404);
    const first = await call(h.app, 'PUT', path, { cookie: w.cookie.chw, body: { language: 'es', content } });
    expect(first.body).toMatchObject({ version: 1, language: 'es' });
    const second = await call(h.app, 'PUT', path, {
      cookie: w.cookie.chw,
      body: {
        language: 'es',
        content: { ...content, copingOnMyOwn: ['Salir a caminar', 'Escuchar música'] },
      },
    });
    expect(second.body).toMatchObject({ version: 2 });
    const opened = await call(h.app, 'GET', path, { cookie: w.cookie.supervisor });
    expect(opened.body).toMatchObject({
      version: 2,
      content: { copingOnMyOwn: ['Salir a caminar', 'Escuchar música'] },
    });
    expect((await call(h.app, 'GET', path, { cookie: w.cookie.chw2 })).status).toBe(404);
    const [{ n } = { n: 0 }] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from safety_plan where client_id = $1',
      [clientId],
    );
    expect(n).toBe(2);
  });

  it('shares a private link that works without a session, shows only the plan in the person’s language, and expires', async () => {
    const share = await call(h.app, 'POST', `/api/clients/${clientId}/safety-plan/share`, {
      cookie: w.cookie.chw,
      body: { expiresOn: daysFromNow(7), language: 'es' },
    });
    expect(share.status).toBe(201);
    const url = String(share.body.url);
    expect(url).toMatch(/^https:\/\/puente\.test\/safety-plan\/[\w-]{40,}$/);
    const token = url.split('/').at(-1) ?? '';
    const [stored] = await h.db.query<{ token_hash: string }>('select token_hash from safety_plan_share');
    expect(stored?.token_hash).not.toContain(token);

    const open = await call(h.app, 'GET', `/api/public/safety-plans/${token}`);
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ language: 'es', title: 'Mi plan para los momentos difíciles' });
    expect(open.body.sections).toContainEqual({
      heading: 'Lo que puedo hacer por mi cuenta para salir adelante',
      entries: ['Salir a caminar', 'Escuchar música'],
    });
    const text = JSON.stringify(open.body);
    expect(text).not.toContain(clientId);
    expect(text).not.toMatch(/Lucía|[0-9a-f]{8}-[0-9a-f]{4}-/);

    const audited = await h.db.query<{ action: string }>(
      `select action from audit_event where subject_id = $1 and action like 'safety-plan.%' order by seq`,
      [clientId],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['safety-plan.shared', 'safety-plan.link-opened']),
    );

    await h.db.query(`update safety_plan_share set expires_at = now() - interval '1 minute'`);
    const expired = await call(h.app, 'GET', `/api/public/safety-plans/${token}`);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('linkExpired');
    const unknown = await call(h.app, 'GET', `/api/public/safety-plans/${'x'.repeat(43)}`);
    expect(unknown.status).toBe(404);
  });

  it('refuses a link longer than 90 days or one for a person outside the caseload', async () => {
    const path = `/api/clients/${clientId}/safety-plan/share`;
    const tooLong = await call(h.app, 'POST', path, {
      cookie: w.cookie.chw,
      body: { expiresOn: daysFromNow(120), language: 'en' },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('shareExpiry');
    const outside = await call(h.app, 'POST', path, {
      cookie: w.cookie.chw2,
      body: { expiresOn: daysFromNow(7), language: 'en' },
    });
    expect(outside.status).toBe(404);
    const [{ n } = { n: 0 }] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from safety_plan_share',
    );
    expect(n).toBe(1);
  });
});
