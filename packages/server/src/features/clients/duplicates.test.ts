import { beforeAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';

// The duplicate check at registration, for people outside the caller's scope.
const h = useApp();
let w: CaseloadWorld;

beforeAll(async () => {
  w = await caseloadWorld(h, 'duplicates');
  // Held by the second CHW, outside the first CHW's caseload.
  await register(h, w.cookie.chw2, {
    givenName: 'Guadalupe',
    familyName: 'Ruíz Ortega',
    phone: '555-303-7788',
    birthDate: '1984-03-09',
  });
});

const attempt = (body: Record<string, unknown>) =>
  call(h.app, 'POST', '/api/clients', { cookie: w.cookie.chw, body: { preferredLanguage: 'es', ...body } });

const checks = () =>
  h.db.query<{ detail: Record<string, unknown>; actor: string }>(
    `select detail, actor_id as actor from audit_event
      where org_id = $1 and action = 'client.duplicate-check' order by seq`,
    [w.org.orgId],
  );

describe('the duplicate check, for people another CHW holds', () => {
  it('says only that a strong match is held elsewhere, without a count or a name', async () => {
    const reply = await attempt({ givenName: 'Guadalupe', familyName: 'Ruiz', birthDate: '1984-03-09' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'possibleDuplicate', duplicates: [], heldElsewhere: true });
    expect(reply.body).not.toHaveProperty('elsewhere');
    const text = JSON.stringify(reply.body);
    for (const secret of ['Guadalupe', 'Ortega', '3037788', '1984']) expect(text).not.toContain(secret);
  });

  it('is not strong on a phone alone, nor on a similar spelling', async () => {
    // A sister on the same phone: another person.
    expect((await attempt({ givenName: 'Rosa', familyName: 'Ruiz', phone: '5553037788' })).status).toBe(201);
    // One letter off with the same phone: in scope it would be named, out of scope it tells nothing.
    expect((await attempt({ givenName: 'Guadalupe', familyName: 'Ruis', phone: '5553037788' })).status).toBe(
      201,
    );
  });

  it('audits every check, refused or not, with what was compared and found but no name or phone', async () => {
    const before = (await checks()).length;
    await attempt({ givenName: 'Guadalupe', familyName: 'Ruiz', birthDate: '1984-03-09' });
    await attempt({ givenName: 'Tomás', familyName: 'Ibarra', phone: '5559990000' });
    const after = await checks();
    expect(after.length - before).toBe(2);
    const [refused, passed] = after.slice(before);
    expect(refused?.detail).toEqual({ compared: ['birthDate'], named: 0, heldElsewhere: true });
    expect(passed?.detail).toEqual({ compared: ['phone'], named: 0, heldElsewhere: false });
    expect(refused?.actor).toBe(w.org.ids[w.org.chw]);
    const text = JSON.stringify(after);
    for (const secret of ['Guadalupe', 'Ruiz', 'Tomás', 'Ibarra', '3037788', '9990000'])
      expect(text).not.toContain(secret);
  });
});
