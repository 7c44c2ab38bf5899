import { type DirectoryDryRun, directorySheetMaxBytes, t } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../app.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { toCsv } from '../caseload-import/testing.js';
import { sheetService, spanishTemplateHeader } from './sheet-testing.js';

// A directory file comes as its own bytes, up to 10 MB, on the two sheet routes only: a county
// list of thousands of services in one file, where base64 in JSON under the API's 1 MB limit
// stopped at about 3,500.

const h = useApp();
let org: TestOrg;
let admin: string;

const check = (file: { bytes: Uint8Array; type: string }, headers?: Record<string, string>) =>
  call(h.app, 'POST', '/api/directory/sheet/check', { cookie: admin, file, ...(headers ? { headers } : {}) });

beforeAll(async () => {
  org = await seedOrg(h.db, 'dirupload');
  admin = await signIn(h.app, org.admin, PASSWORD);
});

describe('a directory file bigger than the API’s 1 MB limit', () => {
  it('is checked whole: 6,000 services in one CSV, counted and each one ready', async () => {
    const rows = [spanishTemplateHeader, ...Array.from({ length: 6_000 }, (_, i) => sheetService(i))];
    // Two rows to look at, far down the file, so the whole of it is seen to be read.
    (rows[5_000] as string[])[2] = '555-12';
    (rows[5_999] as string[])[4] = 'cuando se pueda';
    const bytes = toCsv(rows);
    expect(bytes.length).toBeGreaterThan(BODY_LIMIT_BYTES);

    const reply = await check({ bytes, type: 'text/csv' });
    expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(200);
    const report = bodyAs<DirectoryDryRun>(reply);
    expect(report).toMatchObject({
      kind: 'template',
      rows: 6_000,
      ready: 5_999,
      added: 5_999,
      updated: 0,
      locations: 5_999,
      skipped: 1,
      missingColumns: [],
    });
    expect(report.rowsWithIssues).toEqual([
      { row: 5_001, name: 'Servicio 04999', problems: ['badPhone'], warnings: [] },
      { row: 6_000, name: 'Servicio 05998', problems: [], warnings: ['hoursNotUnderstood'] },
    ]);
    // A dry run writes nothing.
    const [written] = await h.db.query<{ n: number }>(
      'select count(*)::int as n from hsds_service where org_id = $1',
      [org.orgId],
    );
    expect(written?.n).toBe(0);
  });

  it('is taken whatever type the browser gave it: the server reads the file to tell', async () => {
    const bytes = toCsv([spanishTemplateHeader, sheetService(1)]);
    const reply = await check({ bytes, type: 'application/octet-stream' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ kind: 'template', ready: 1 });
  });
});

describe('what the sheet routes refuse', () => {
  const overLimit = new Uint8Array(directorySheetMaxBytes + 1).fill(65);

  it('a file over 10 MB: 413 on both routes, in the caller’s language', async () => {
    for (const locale of ['en', 'es'] as const) {
      await call(h.app, 'PUT', '/api/me/preferences', { cookie: admin, body: { locale } });
      for (const path of ['/api/directory/sheet/check', '/api/directory/sheet/runs']) {
        const reply = await call(h.app, 'POST', path, {
          cookie: admin,
          file: { bytes: overLimit, type: 'text/csv' },
        });
        expect(reply.status, `${locale} ${path}`).toBe(413);
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
        expect(reply.body.code).toBe('sheetTooLarge');
        expect(reply.body.title).toBe(t(locale, 'errors.sheetTooLarge', { limit: '10 MB' }));
      }
    }
    await call(h.app, 'PUT', '/api/me/preferences', { cookie: admin, body: { locale: 'en' } });
  });

  it('a file over 10 MB sent without its length (chunked): 413 as it streams', async () => {
    const chunks = [overLimit.subarray(0, 4 << 20), overLimit.subarray(4 << 20)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const reply = await h.app.request('/api/directory/sheet/check', {
      method: 'POST',
      headers: { cookie: admin, 'sec-fetch-site': 'same-origin', 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(reply.status).toBe(413);
    expect(((await reply.json()) as { code: string }).code).toBe('sheetTooLarge');
  });

  it('the old form, base64 inside JSON: 415 that says to send the file itself', async () => {
    const reply = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      body: { fileName: 'd.csv', content: Buffer.from('Nombre\nDespensa\n').toString('base64') },
    });
    expect(reply.status).toBe(415);
    expect(reply.body.code).toBe('uploadType');
    expect(reply.body.title).toBe(t('en', 'errors.uploadType'));
  });

  it('leaves the 1 MB limit on everything else, and on JSON sent to the sheet routes', async () => {
    const big = new Uint8Array(BODY_LIMIT_BYTES + 1).fill(65);
    // A file's type on a route that takes JSON: still held to 1 MB.
    const elsewhere = await call(h.app, 'POST', '/api/directory/import', {
      cookie: admin,
      file: { bytes: big, type: 'text/csv' },
    });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.body.code).toBe('tooLarge');
    const json = await call(h.app, 'POST', '/api/directory/sheet/check', {
      cookie: admin,
      raw: JSON.stringify({ content: 'A'.repeat(BODY_LIMIT_BYTES) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(413);
    expect(json.body.code).toBe('tooLarge');
  });
});
