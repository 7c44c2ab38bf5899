import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { testConfig } from '../../config.js';
import { migrate } from '../../db/migrate.js';
import { openPglite } from '../../db/pglite.js';
import { createLogger } from '../../log.js';
import type { Harness } from '../../test/app.js';
import { engine, freshDatabase, type TestDatabase } from '../../test/database.js';
import { matrixWorld } from '../../test/matrix-world.js';
import { auditSeal } from '../audit/key.js';
import { linkAllChains } from '../audit/link.js';
import { verifyAuditChains } from '../audit/verify.js';
import { takeBackup } from './backup.js';
import { restoreBackup } from './restore.js';
import { fingerprint } from './testing.js';

// Each restore migrates a database from nothing (PGlite: seconds; more on a busy machine).
const SLOW = 180_000;

// One format for both engines: a program on the embedded database moves to the engine
// this run tests (PostgreSQL under `npm run test:pg`), and back again. Under the PGlite
// run both ends are PGlite.
const key = randomBytes(32);
const config = testConfig();
let source: Harness;
let dir: string;
const opened: TestDatabase[] = [];

beforeAll(async () => {
  const db = await openPglite();
  await migrate(db);
  source = {
    db,
    config,
    app: buildApp({ db, config, log: createLogger('silent') }),
    testDb: {
      db,
      openAnother: () => Promise.reject(),
      openAs: () => Promise.reject(),
      drop: () => db.close(),
    },
  };
  await matrixWorld(source);
  await linkAllChains(db, auditSeal(config));
  dir = await mkdtemp(join(tmpdir(), 'puente-cross-'));
}, 180_000);

afterAll(async () => {
  await Promise.all(opened.map((t) => t.drop()));
  await source?.db.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`a backup moves between engines (PGlite and ${engine})`, () => {
  it(
    'from PGlite to this engine and back, every row and chain intact',
    async () => {
      const expected = await fingerprint(source.db);
      const fromPglite = await takeBackup(source.db, key, dir);
      if (!fromPglite) throw new Error('no backup');
      expect(fromPglite.manifest.engine).toBe('pglite');

      const target = await freshDatabase({ migrated: false });
      opened.push(target);
      await restoreBackup(target.db, fromPglite.file, key);
      expect(await fingerprint(target.db)).toEqual(expected);
      expect((await verifyAuditChains(target.db, auditSeal(config))).map((c) => c.ok)).toEqual([true, true]);

      const back = await takeBackup(target.db, key, dir, { now: new Date(Date.now() + 1000) });
      if (!back) throw new Error('no backup');
      expect(back.manifest.engine).toBe(target.db.kind);
      const again = await openPglite();
      try {
        await restoreBackup(again, back.file, key);
        expect(await fingerprint(again)).toEqual(await fingerprint(target.db));
        expect((await verifyAuditChains(again, auditSeal(config))).map((c) => c.ok)).toEqual([true, true]);
      } finally {
        await again.close();
      }
    },
    SLOW,
  );
});
