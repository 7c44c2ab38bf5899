import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { t } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../test/app.js';
import { call, signIn } from '../test/http.js';
import { firstPaintStyleSource, safeNext } from './first-paint.js';

// A stand-in for the built web app's page: the markup Vite writes, with a blocking stylesheet.
const webDir = mkdtempSync(join(tmpdir(), 'puente-web-'));
writeFileSync(
  join(webDir, 'index.html'),
  '<!doctype html><html lang="en"><head><link rel="stylesheet" crossorigin href="/assets/app.css"></head><body><div id="app"></div><script type="module" src="/assets/app.js"></script></body></html>',
);

const h = useApp({ webDir });
let org: TestOrg;
beforeAll(async () => {
  org = await seedOrg(h.db, 'first-paint');
});

const page = (path: string, headers: Record<string, string> = {}) => h.app.request(path, { headers });
const form = (
  fields: Record<string, string>,
  from: Record<string, string> = { 'sec-fetch-site': 'same-origin' },
) =>
  h.app.request('http://localhost/signin', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost', ...from },
    body: new URLSearchParams(fields).toString(),
  });

describe('the sign-in form painted into the page', () => {
  it('paints a working form, in the browser’s language, allowed by the page’s own style hash', async () => {
    const reply = await page('/people/123', { 'accept-language': 'es-MX,es;q=0.9' });
    const html = await reply.text();
    expect(reply.status).toBe(200);
    expect(html).toContain('<html lang="es"');
    expect(html).toContain('<form method="post" action="/signin">');
    expect(html).toContain(t('es', 'signin.title'));
    expect(html).toContain('name="next" value="/people/123"');
    // The stylesheet no longer holds the form back; the inline style is allowed by its hash only.
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/app.css">');
    expect(reply.headers.get('content-security-policy')).toContain(
      `style-src 'self' ${firstPaintStyleSource}`,
    );
    expect(reply.headers.get('content-security-policy')).not.toContain('unsafe-inline');
  });

  it('follows a language asked for in the address or chosen on the device', async () => {
    expect(await (await page('/?lang=es')).text()).toContain('<html lang="es"');
    expect(await (await page('/', { cookie: 'puente_lang=es' })).text()).toContain('<html lang="es"');
    expect(await (await page('/?lang=xx', { 'accept-language': 'en' })).text()).toContain('<html lang="en"');
  });

  it('paints nothing for someone with a session, nor on public pages', async () => {
    const signedIn = await (await page('/', { cookie: 'puente_session=anything' })).text();
    expect(signedIn).not.toContain('first-paint');
    expect(signedIn).toContain('<link rel="stylesheet"');
    expect(await (await page('/safety-plan/abc')).text()).not.toContain('first-paint');
    expect(await (await page('/help/fresno')).text()).not.toContain('first-paint');
  });

  it('shows a refusal by its code only, escaped, and never echoes text from the address', async () => {
    const refused = await (await page('/?lang=en&signin=accountLocked&n=15')).text();
    expect(refused).toContain(t('en', 'errors.accountLocked', { minutes: 15 }));
    const hostile = await (await page('/?signin=%3Cscript%3E&next=%22%3E%3Cscript%3E')).text();
    expect(hostile).not.toContain('<script>');
    expect(hostile).toContain('name="next" value="/"');
  });
});

describe('signing in without the app’s script', () => {
  it('opens a session and goes to the page that was asked for', async () => {
    // An older browser without Sec-Fetch-Site names the origin instead.
    const older = await form({ email: org.chw, password: PASSWORD }, { origin: 'http://localhost' });
    expect(older.headers.get('location')).toBe('/');
    const reply = await form({ email: org.chw, password: PASSWORD, lang: 'es', next: '/people/123' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/people/123');
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/puente_session=[^;]+; .*HttpOnly/i);
    const me = await call(h.app, 'GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    expect(me.status).toBe(200);
  });

  it('sends a refusal back to the form by its code, counting toward the lockout like any sign-in', async () => {
    const reply = await form({ email: org.manager, password: 'not the password', lang: 'es' });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/?lang=es&signin=badCredentials');
    expect(reply.headers.get('set-cookie')).toBeNull();
    const [row] = await h.db.query<{ failures: number }>(
      'select failed_sign_ins as failures from app_user where email = $1',
      [org.manager],
    );
    expect(row?.failures).toBe(1);
    await signIn(h.app, org.manager, PASSWORD);
  });

  it('refuses a post from another site or without a trustworthy origin, and a malformed form', async () => {
    const elsewhere: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site', origin: 'http://localhost' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'http://evil.test' },
      { origin: 'null' },
      {},
    ];
    for (const from of elsewhere) {
      const reply = await form({ email: org.chw, password: PASSWORD }, from);
      expect(reply.headers.get('location')).toContain('signin=crossSite');
      expect(reply.headers.get('set-cookie')).toBeNull();
    }
    const empty = await form({ email: 'not an email', password: '' });
    expect(empty.headers.get('location')).toContain('signin=validation');
  });

  it('only goes back to paths inside Puente', () => {
    expect(safeNext('/people/1')).toBe('/people/1');
    for (const bad of ['https://evil.test', '//evil.test', '/\\evil.test', 'people', undefined]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
