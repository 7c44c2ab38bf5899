import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOrganization } from '@puente/server';
import { loadCaseload } from '../generate/caseload.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { startBuiltServer } from '../lib/server-process.js';
import { summarize } from '../lib/stats.js';
import { sizes } from './caseload.js';

/**
 * Time from `puente start` on a built tree to a healthy /api/health: on an
 * empty database (migrations and first admin included) and on one holding a
 * caseload of the asked size. Budget: ≤ 10 s.
 */
export async function startupScenario({
  bench,
  random,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const runs = quick ? 1 : 5;
  const empty: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (bench.db.kind === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'puente-start-'));
      const server = await startBuiltServer({ DATA_DIR: dir });
      empty.push(server.healthyAfterMs);
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    } else {
      await bench.db.query('drop schema public cascade');
      await bench.db.query('create schema public');
      const server = await startBuiltServer(bench.env);
      empty.push(server.healthyAfterMs);
      await server.stop();
    }
  }

  // Fill the database (now migrated by the last start), hand it to the server, measure again.
  const { orgId, userIds } = await bench.db.transaction((tx) =>
    createOrganization(tx, { name: 'Start-up', locale: 'en', twoFactor: 'none' }, [
      {
        email: 'chw@start.test',
        displayName: 'CHW',
        role: 'chw',
        locale: 'en',
        password: 'start-up password',
      },
    ]),
  );
  await loadCaseload(bench.db, random, { orgId, chwId: userIds['chw@start.test'] ?? '' }, sizes[size]);
  if (bench.db.kind === 'pglite') await bench.db.close();
  const filled: number[] = [];
  for (let i = 0; i < runs; i++) {
    const server = await startBuiltServer(bench.env);
    filled.push(server.healthyAfterMs);
    await server.stop();
  }
  return {
    data: { clients: sizes[size].clients, encounters: sizes[size].clients * sizes[size].encountersPerClient },
    figures: {
      'start, empty database': summarize(empty),
      [`start, size ${size} caseload`]: summarize(filled),
    },
  };
}
