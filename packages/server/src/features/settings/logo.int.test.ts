import { logoMaxBytes, type Me, type ProgramLogo } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';

const h = useApp();
let org: TestOrg;
let other: TestOrg;
let admin: string;
let chw: string;

/** A PNG's signature, then filler: enough for a picture's kind to be told apart. */
const png = (size = 64) => {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
};
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)]);
const webp = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.alloc(4, 0),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(40),
]);

const put = (cookie: string, mediaType: string, bytes: Buffer | string) =>
  call(h.app, 'PUT', '/api/program/logo', {
    cookie,
    body: { mediaType, data: typeof bytes === 'string' ? bytes : bytes.toString('base64') },
  });

/** The picture as a browser gets it: status, headers and the bytes. */
async function fetchLogo(cookie: string, version?: string) {
  const response = await h.app.request(`/api/program/logo${version ? `?v=${version}` : ''}`, {
    headers: { cookie },
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  org = await seedOrg(h.db, 'logo');
  other = await seedOrg(h.db, 'logo-other');
  admin = await signIn(h.app, org.admin, PASSWORD);
  chw = await signIn(h.app, org.chw, PASSWORD);
});

describe("the program's logo", () => {
  it('is set by an admin, served to the program’s people with its kind, and named on everyone’s session', async () => {
    const saved = await put(admin, 'image/png', png());
    expect(saved.status).toBe(200);
    const { version } = bodyAs<ProgramLogo>(saved);
    expect(saved.body).toMatchObject({ mediaType: 'image/png' });

    const { response, bytes } = await fetchLogo(chw, version);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(bytes.equals(png())).toBe(true);
    // Without the version (or an old one) it is asked again each time, never kept stale.
    expect((await fetchLogo(chw, 'old')).response.headers.get('cache-control')).toBe('private, no-cache');

    const me = bodyAs<Me>(await call(h.app, 'GET', '/api/auth/me', { cookie: chw }));
    expect(me.organization.logo).toBe(version);
    const list = await call(h.app, 'GET', '/api/setup/checklist', { cookie: admin });
    expect(bodyAs<{ steps: { id: string; state: string }[] }>(list).steps).toContainEqual(
      expect.objectContaining({ id: 'logo', state: 'done', optional: true }),
    );
  });

  it.each([
    { kind: 'image/jpeg', bytes: jpeg },
    { kind: 'image/webp', bytes: webp },
  ])('takes a $kind picture, and a new picture gets a new version', async ({ kind, bytes }) => {
    const before = bodyAs<Me>(await call(h.app, 'GET', '/api/auth/me', { cookie: admin })).organization.logo;
    const saved = await put(admin, kind, bytes);
    expect(saved.status).toBe(200);
    expect(bodyAs<ProgramLogo>(saved).version).not.toBe(before);
    expect((await fetchLogo(admin)).response.headers.get('content-type')).toBe(kind);
  });

  it.each([
    {
      why: 'a page dressed as a PNG',
      kind: 'image/png',
      bytes: Buffer.from('<html><script>alert(1)</script></html>'),
      status: 422,
    },
    { why: 'a JPEG said to be a PNG', kind: 'image/png', bytes: jpeg, status: 422 },
    {
      why: 'an SVG, which can carry scripts',
      kind: 'image/svg+xml',
      bytes: Buffer.from('<svg/>'),
      status: 400,
    },
    { why: 'too few bytes to be a picture', kind: 'image/png', bytes: png(11), status: 422 },
    { why: 'one byte over 200 KB', kind: 'image/png', bytes: png(logoMaxBytes + 1), status: 413 },
    { why: 'text that is not base64', kind: 'image/png', bytes: 'not base64 at all!', status: 400 },
  ])('refuses $why in the caller’s words and keeps the logo it had', async ({ kind, bytes, status }) => {
    const kept = bodyAs<Me>(await call(h.app, 'GET', '/api/auth/me', { cookie: admin })).organization.logo;
    const refused = await call(h.app, 'PUT', '/api/program/logo', {
      cookie: chw,
      body: { mediaType: kind, data: typeof bytes === 'string' ? bytes : bytes.toString('base64') },
    });
    // A CHW is refused before anything is read; the admin gets the reason.
    expect(refused.status).toBe(403);
    const reply = await put(admin, kind, bytes);
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(typeof reply.body.title).toBe('string');
    expect(bodyAs<Me>(await call(h.app, 'GET', '/api/auth/me', { cookie: admin })).organization.logo).toBe(
      kept,
    );
  });

  it('is one program’s own: another program sees none, and its admin cannot remove this one', async () => {
    const otherAdmin = await signIn(h.app, other.admin, PASSWORD);
    expect((await fetchLogo(otherAdmin)).response.status).toBe(404);
    expect((await call(h.app, 'DELETE', '/api/program/logo', { cookie: otherAdmin })).status).toBe(204);
    expect((await fetchLogo(chw)).response.status).toBe(200);
    const partner = await signIn(h.app, org.partner, PASSWORD);
    expect((await fetchLogo(partner)).response.status).toBe(403);
    expect((await fetchLogo('')).response.status).toBe(401);
  });

  it('is removed by an admin, audited each time, and the session no longer names it', async () => {
    expect((await call(h.app, 'DELETE', '/api/program/logo', { cookie: chw })).status).toBe(403);
    expect((await call(h.app, 'DELETE', '/api/program/logo', { cookie: admin })).status).toBe(204);
    expect((await fetchLogo(chw)).response.status).toBe(404);
    expect(
      bodyAs<Me>(await call(h.app, 'GET', '/api/auth/me', { cookie: chw })).organization.logo,
    ).toBeUndefined();
    const events = await h.db.query<{ action: string; detail: Record<string, unknown> | null }>(
      `select action, detail from audit_event where org_id = $1 and action like 'program.logo-%' order by seq`,
      [org.orgId],
    );
    expect(events.map((e) => e.action)).toEqual([
      'program.logo-changed',
      'program.logo-changed',
      'program.logo-changed',
      'program.logo-removed',
    ]);
    expect(events[0]?.detail).toEqual({ mediaType: 'image/png', bytes: 64 });
  });
});
