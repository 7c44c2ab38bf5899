import { uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, useApp } from '../../test/app.js';
import { type CaseloadWorld, caseloadWorld, register } from '../../test/caseload.js';
import { call } from '../../test/http.js';
import { KEY_SHARE_FRESH_MINUTES } from './device-key.js';
import { pullPage, pushBatch, visit } from './testing.js';

const h = useApp();
let w: CaseloadWorld;
beforeAll(async () => {
  w = await caseloadWorld(h, 'devkey');
});

/** A password sign-in, typed on the phone holding `device` when one is named. */
async function signInOn(email: string, device?: string): Promise<string> {
  const reply = await call(h.app, 'POST', '/api/auth/sign-in', {
    body: { email, password: PASSWORD, ...(device ? { device } : {}) },
  });
  expect(reply.status).toBe(200);
  return (reply.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const askShare = (cookie: string, device: string) =>
  call(h.app, 'POST', '/api/sync/device-key', { cookie, body: { device } });

const erase = async (device: string) =>
  (await call(h.app, 'POST', '/api/sync/device-status', { body: { device } })).body.erase;

describe('the device key share', () => {
  it('goes only to a fresh password sign-in made on that phone, by its person, and each release is audited', async () => {
    const phone = uuidv7();
    // The first sign-in on a new phone makes the copy, then claims the device.
    const first = await signInOn(w.org.chw);
    const claimed = await askShare(first, phone);
    expect(claimed.status).toBe(200);
    const share = String(claimed.body.share);
    expect(share.length).toBeGreaterThanOrEqual(40);
    expect((await askShare(first, phone)).body.share).toBe(share);

    // Recovering a forgotten PIN: a new sign-in on that phone gets the same share.
    const again = await signInOn(w.org.chw, phone);
    expect((await askShare(again, phone)).body).toEqual({ share });

    // A session signed in elsewhere (another phone, a laptop) does not, even the same person's.
    const elsewhere = await signInOn(w.org.chw, uuidv7());
    expect((await askShare(elsewhere, phone)).body.code).toBe('deviceNotYours');
    const laptop = await signInOn(w.org.chw);
    expect((await askShare(laptop, phone)).status).toBe(403);
    // Another person signed in on that phone does not get this person's share.
    const colleague = await signInOn(w.org.chw2, phone);
    expect((await askShare(colleague, phone)).body.code).toBe('deviceNotYours');

    // A session older than a few minutes does not, even on that phone.
    await h.db.query(
      `update session set created_at = now() - make_interval(mins => $1 + 1)
        where device_id = $2 and user_id = $3`,
      [KEY_SHARE_FRESH_MINUTES, phone, w.org.ids[w.org.chw]],
    );
    const stale = await askShare(again, phone);
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe('keyNeedsFreshSignIn');
    // Nothing about the phone's secret is in the refusal.
    expect(JSON.stringify(stale.body)).not.toContain(share);

    const audited = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_event
        where action = 'sync.key-share-released' and subject_id = $1 and actor_id = $2`,
      [phone, w.org.ids[w.org.chw]],
    );
    expect(audited[0]?.n).toBe(3);
  });

  it('refuses roles that keep nothing on a phone, and a body without a device id', async () => {
    expect((await askShare(await signInOn(w.org.manager), uuidv7())).status).toBe(403);
    const bad = await call(h.app, 'POST', '/api/sync/device-key', {
      cookie: await signInOn(w.org.chw),
      body: { device: 'not-a-device' },
    });
    expect(bad.status).toBe(400);
  });
});

describe('a disabled device', () => {
  it('is told to erase its copy at its next pull or push, and gets no share; other phones carry on', async () => {
    const cookie = await signInOn(w.org.chw);
    const person = await register(h, cookie, { givenName: 'Perdido' });
    const lost = { id: uuidv7(), cookie };
    const kept = { id: uuidv7(), cookie };
    await pullPage(h, lost);
    await pullPage(h, kept);
    expect(await erase(lost.id)).toBe(false);

    const listed = await call(h.app, 'GET', `/api/sync/devices?user=${w.org.ids[w.org.chw]}`, {
      cookie: w.cookie.admin,
    });
    expect((listed.body.devices as { id: string }[]).map((d) => d.id)).toContain(lost.id);
    // Only an admin of the device's own organization disables it.
    const foreign = await call(h.app, 'POST', `/api/sync/devices/${lost.id}/disable`, {
      cookie: w.cookie.otherAdmin,
    });
    expect(foreign.status).toBe(404);
    const byChw = await call(h.app, 'POST', `/api/sync/devices/${lost.id}/disable`, { cookie });
    expect(byChw.status).toBe(403);
    const disabled = await call(h.app, 'POST', `/api/sync/devices/${lost.id}/disable`, {
      cookie: w.cookie.admin,
    });
    expect(disabled.status).toBe(204);

    const pull = await call(h.app, 'GET', `/api/sync/pull?device=${lost.id}`, { cookie });
    expect(pull.status).toBe(410);
    expect(pull.body.code).toBe('deviceErased');
    const push = await call(h.app, 'POST', '/api/sync/push', {
      cookie,
      body: { device: lost.id, mutations: [visit(person.id)] },
    });
    expect(push.status).toBe(410);
    expect(push.body.code).toBe('deviceErased');
    expect(await erase(lost.id)).toBe(true);
    expect((await askShare(await signInOn(w.org.chw, lost.id), lost.id)).status).toBe(410);

    // The refused push changed nothing; the same person's other phone still syncs.
    const visits = await h.db.query('select 1 from encounter where client_id = $1', [person.id]);
    expect(visits).toHaveLength(0);
    expect((await pushBatch(h, kept, [visit(person.id)])).results[0]?.status).toBe('applied');
    expect(await erase(kept.id)).toBe(false);

    const audited = await h.db.query(
      `select 1 from audit_event where action = 'sync.device-disabled' and subject_id = $1`,
      [lost.id],
    );
    expect(audited).toHaveLength(1);
  });

  it('is every device of a disabled account: with no session left, the phone asks and is told to erase', async () => {
    const cookie = await signInOn(w.org.chw2);
    const phone = { id: uuidv7(), cookie };
    await pullPage(h, phone);
    const off = await call(h.app, 'PATCH', `/api/users/${w.org.ids[w.org.chw2]}`, {
      cookie: w.cookie.admin,
      body: { disabled: true },
    });
    expect(off.status).toBe(200);
    expect((await call(h.app, 'GET', `/api/sync/pull?device=${phone.id}`, { cookie })).status).toBe(401);
    expect(await erase(phone.id)).toBe(true);
    // A device nobody knows is not told to erase anything.
    expect(await erase(uuidv7())).toBe(false);
  });

  it('is a phone whose person no longer keeps a caseload: a CHW made a manager is told to erase', async () => {
    const cookie = await signInOn(w.org.supervisor);
    const phone = { id: uuidv7(), cookie };
    await pullPage(h, phone);
    expect(await erase(phone.id)).toBe(false);
    const changed = await call(h.app, 'PATCH', `/api/users/${w.org.ids[w.org.supervisor]}`, {
      cookie: w.cookie.admin,
      body: { role: 'manager' },
    });
    expect(changed.status).toBe(200);
    expect(await erase(phone.id)).toBe(true);
  });
});
