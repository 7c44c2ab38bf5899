import { type CaseloadImportRun, type DirectoryImportRun, uuidv7 } from '@puente/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { recordAudit } from '../audit/record.js';
import { sheetPerson, spanishHeader, toCsv } from '../caseload-import/testing.js';
import { leaseLapseSeconds } from './lease.js';

// An import cut off part way (its server stopped or restarted) must not stay "running" forever:
// a run that never finished and whose lease lapsed answers "interrupted". A server that dies leaves
// exactly what these tests write: the start (and batches) in the audit trail, a lease no one renews.

const h = useApp();
let org: TestOrg;
let admin: string;
let otherAdmin: string;

beforeAll(async () => {
  org = await seedOrg(h.db, 'cutoff');
  const other = await seedOrg(h.db, 'cutoff-other');
  admin = await signIn(h.app, org.admin, PASSWORD);
  otherAdmin = await signIn(h.app, other.admin, PASSWORD);
});

const by = () => ({ orgId: org.orgId, actorId: org.ids[org.admin] ?? null, actorRole: 'admin', ip: null });
/** What a server leaves of a run it was doing when it died; `renewedAgo` seconds since it last renewed. */
async function leftBehind(kind: 'caseload' | 'directory', renewedAgo: number | null, batches: number[] = []) {
  const id = uuidv7();
  const subjectType = `${kind}-import`;
  await recordAudit(h.db, by(), {
    action: `${kind}.import-started`,
    subjectType,
    subjectId: id,
    detail: kind === 'caseload' ? { total: 400 } : { kind: 'template', total: 400 },
  });
  for (const created of batches)
    await recordAudit(h.db, by(), {
      action: 'caseload.import-batch',
      subjectType,
      subjectId: id,
      detail: { created },
    });
  if (renewedAgo !== null)
    await h.db.query(
      `insert into import_lease (run_id, org_id, renewed_at) values ($1, $2, now() - make_interval(secs => $3))`,
      [id, org.orgId, renewedAgo],
    );
  return id;
}
const poll = (path: string, cookie = admin) => call(h.app, 'GET', path, { cookie });

describe('an import cut off part way', () => {
  it('a caseload import whose server stopped renewing answers interrupted, with the batches it saved', async () => {
    const id = await leftBehind('caseload', leaseLapseSeconds * 3, [200]);
    const reply = await poll(`/api/caseload-import/runs/${id}`);
    expect(reply.status).toBe(200);
    expect(bodyAs<CaseloadImportRun>(reply)).toEqual({ id, state: 'interrupted', total: 400, created: 200 });
    // Another program's admin is told it is not there.
    expect((await poll(`/api/caseload-import/runs/${id}`, otherAdmin)).status).toBe(404);
  });

  it('one whose server still renews its lease is running; one with no lease at all is interrupted', async () => {
    const live = await leftBehind('caseload', 1, [200]);
    expect(bodyAs<CaseloadImportRun>(await poll(`/api/caseload-import/runs/${live}`)).state).toBe('running');
    const unleased = await leftBehind('caseload', null);
    expect(bodyAs<CaseloadImportRun>(await poll(`/api/caseload-import/runs/${unleased}`))).toMatchObject({
      state: 'interrupted',
      created: 0,
    });
  });

  it('a directory import cut off answers interrupted with nothing done: its one transaction never committed', async () => {
    const id = await leftBehind('directory', leaseLapseSeconds * 3);
    const reply = await poll(`/api/directory/sheet/runs/${id}`);
    expect(reply.status).toBe(200);
    expect(bodyAs<DirectoryImportRun>(reply)).toEqual({ id, state: 'interrupted', total: 400, done: 0 });
    const live = await leftBehind('directory', 1);
    expect(bodyAs<DirectoryImportRun>(await poll(`/api/directory/sheet/runs/${live}`)).state).toBe('running');
  });

  it('a run that finishes lets go of its lease, and answers done', async () => {
    const started = await call(h.app, 'POST', '/api/caseload-import/runs', {
      cookie: admin,
      body: {
        fileName: 'casos.csv',
        content: Buffer.from(toCsv([spanishHeader, sheetPerson(1, org.chw)])).toString('base64'),
        dateOrder: 'dmy',
        defaultLanguage: 'es',
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let run = bodyAs<CaseloadImportRun>(started);
    for (let tries = 0; run.state === 'running' && tries < 300; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      run = bodyAs<CaseloadImportRun>(await poll(`/api/caseload-import/runs/${run.id}`));
    }
    expect(run).toMatchObject({ state: 'done', total: 1, created: 1 });
    const leases = await h.db.query('select 1 from import_lease where run_id = $1', [run.id]);
    expect(leases).toEqual([]);
  });
});
