import type { DirectoryImportRun } from '@puente/core';
import { describe, expect, it } from 'vitest';
import type { Database, Queryable } from '../../db/types.js';
import { createLogger } from '../../log.js';
import { PASSWORD, seedOrg, type TestOrg, useApp } from '../../test/app.js';
import { bodyAs, call, signIn } from '../../test/http.js';
import { toCsv } from '../caseload-import/testing.js';
import { sampleDirectory } from '../directory/sample-directory.js';
import { leaseLapseSeconds } from '../imports/lease.js';
import { readJson } from './read-json.js';
import { checkDirectoryFile, readDirectoryFile } from './sheet-check.js';
import { type DirectoryWork, startDirectoryImport } from './sheet-run.js';
import { sheetService, spanishTemplateHeader } from './sheet-testing.js';

// A directory import's "finished" must commit with its services or not at all. These tests kill
// the server (every later call to the database never answers, as after a crash) at the moment
// the data's transaction ends: just after its commit, or just before it. Whatever the moment,
// what the admin is told after the lease lapses must match what is in the directory.

const h = useApp();

const never = () => new Promise<never>(() => {});

/**
 * The database as a server that dies when its `dieAt`-th transaction ends: `after` the commit
 * (the data is kept), or `before` it (the work ran, the commit never came: rolled back).
 */
function dyingAt(db: Database, dieAt: number, when: 'before' | 'after') {
  let transactions = 0;
  let dead = false;
  let died = () => {};
  const death = new Promise<void>((resolve) => {
    died = resolve;
  });
  const dying: Database = {
    kind: db.kind,
    query: (sql, params) => (dead ? never() : db.query(sql as string, params)),
    exec: (sql) => (dead ? never() : db.exec(sql)),
    close: () => db.close(),
    transaction: async <T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
      if (dead) return never();
      transactions += 1;
      if (transactions !== dieAt) return db.transaction(work);
      if (when === 'after') {
        await db.transaction(work);
        dead = true;
        died();
        return never();
      }
      await db
        .transaction(async (tx) => {
          await work(tx);
          dead = true;
          throw new Error('the server died before the commit');
        })
        .catch(() => {});
      died();
      return never();
    },
  };
  return { dying, death };
}

const count = async (sql: string, params: unknown[]) =>
  (await h.db.query<{ n: number }>(sql, params))[0]?.n ?? -1;

async function workOf(kind: DirectoryWork['kind'], caller: Parameters<typeof checkDirectoryFile>[1]) {
  if (kind === 'hsds') {
    const directory = sampleDirectory();
    const read = readJson(directory, 'sample.json');
    return { kind, read, total: directory['services.csv']?.length ?? 0 } satisfies DirectoryWork;
  }
  const rows = [spanishTemplateHeader, ...Array.from({ length: 30 }, (_, i) => sheetService(i))];
  const checked = await checkDirectoryFile(h.db, caller, await readDirectoryFile(toCsv(rows)));
  return { kind, services: checked.ready } satisfies DirectoryWork;
}

let slug = 0;
async function dieDuring(kind: DirectoryWork['kind'], when: 'before' | 'after') {
  slug += 1;
  const org: TestOrg = await seedOrg(h.db, `dircommit-${slug}`);
  const caller = {
    actor: {
      userId: org.ids[org.admin] ?? '',
      orgId: org.orgId,
      role: 'admin' as const,
      locale: 'en' as const,
      sessionHash: 'test',
    },
    ip: '127.0.0.1',
  };
  const work = await workOf(kind, caller);
  // The first transaction records the start; the second is the import's own.
  const { dying, death } = dyingAt(h.db, 2, when);
  const { run } = await startDirectoryImport(dying, caller, work, createLogger('silent'));
  await death;
  // The dead server's lease is never renewed nor released: let it lapse.
  await h.db.query(
    `update import_lease set renewed_at = now() - make_interval(secs => $2) where run_id = $1`,
    [run.id, leaseLapseSeconds * 3],
  );
  const cookie = await signIn(h.app, org.admin, PASSWORD);
  const services = await count('select count(*)::int as n from hsds_service where org_id = $1', [org.orgId]);
  const finished = await count(
    `select count(*)::int as n from audit_event where org_id = $1 and subject_id = $2
        and action = 'directory.import-finished'`,
    [org.orgId, run.id],
  );
  const polled = await call(h.app, 'GET', `/api/directory/sheet/runs/${run.id}`, { cookie });
  expect(polled.status).toBe(200);
  return { services, finished, told: bodyAs<DirectoryImportRun>(polled), total: run.total };
}

describe('a directory import whose server dies as its transaction ends', () => {
  for (const kind of ['template', 'hsds'] as const) {
    it(`${kind}: dying just after the commit leaves the services and says done, never "nothing saved"`, async () => {
      const { services, finished, told, total } = await dieDuring(kind, 'after');
      expect(total).toBeGreaterThan(0);
      expect(services).toBe(total);
      // "Finished" is in the audit trail exactly when the services are in the directory.
      expect(finished).toBe(1);
      expect(told).toMatchObject({ state: 'done', total, done: total });
    });

    it(`${kind}: dying just before the commit leaves neither, and says interrupted with nothing saved`, async () => {
      const { services, finished, told, total } = await dieDuring(kind, 'before');
      expect(services).toBe(0);
      expect(finished).toBe(0);
      expect(told).toMatchObject({ state: 'interrupted', total, done: 0 });
    });
  }
});
