import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreBackup, takeBackup } from '@puente/server';
import { loadOrganization } from '../generate/organization.js';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { benchDatabase } from '../lib/database.js';
import { benchOrganization } from '../lib/program.js';
import { summarize } from '../lib/stats.js';
import { sizes } from './reports.js';

/**
 * `puente backup` and `puente restore` of a whole program, the reports
 * scenario's (size L: 100,000 people, a million visits, their screens, plans,
 * tasks, referrals and a 100,000-service directory): the time to write the
 * sealed file from one snapshot, its size, and the time to restore it into an
 * empty database of the same engine, checksum, counts and chain heads checked.
 * On PGlite the backup time is also how long requests wait (one connection).
 * Budget: backup of size L ≤ 60 s on PostgreSQL; restore ≤ 2 × backup.
 */
export async function backupScenario({
  bench,
  random: r,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  let loadSeconds = 0;
  if (!bench.reused) {
    const s = sizes[size];
    const { orgId, userIds, chwEmails } = await benchOrganization(db, s.chws);
    const started = performance.now();
    await loadOrganization(
      db,
      r,
      {
        orgId,
        chwIds: chwEmails.map((e) => userIds[e] ?? ''),
        supervisorId: userIds['supervisor@bench.test'] ?? '',
      },
      s,
    );
    loadSeconds = (performance.now() - started) / 1000;
    await db.query('analyze');
  }

  const key = randomBytes(32);
  const dir = await mkdtemp(join(tmpdir(), 'puente-bench-backup-'));
  try {
    const backups: number[] = [];
    let made: Awaited<ReturnType<typeof takeBackup>>;
    for (let i = 0; i < (quick ? 1 : size === 'L' ? 3 : 5); i++) {
      const at = new Date(Date.now() + i);
      const start = performance.now();
      made = await takeBackup(db, key, dir, { now: at });
      backups.push(performance.now() - start);
    }
    if (!made) throw new Error('no backup was made');
    const restores: number[] = [];
    for (let i = 0; i < (quick ? 1 : size === 'L' ? 2 : 3); i++) {
      // An empty database of the same engine, migrated to this version as a first start leaves it.
      const target = await benchDatabase(db.kind);
      try {
        const start = performance.now();
        await restoreBackup(target.db, made.file, key);
        restores.push(performance.now() - start);
      } finally {
        await target.drop();
      }
    }
    const rows = made.manifest.tables.reduce((n, t) => n + t.rows, 0);
    const count = (name: string) => made?.manifest.tables.find((t) => t.name === name)?.rows ?? 0;
    const median = (xs: number[]) => summarize(xs).p50 / 1000;
    return {
      data: {
        clients: count('client'),
        encounters: count('encounter'),
        screenings: count('screening'),
        services: count('hsds_service'),
        auditEvents: count('audit_event'),
        rows,
        ...(bench.reused ? {} : { loadSeconds }),
      },
      figures: { backup: summarize(backups), restore: summarize(restores) },
      values: {
        'backup file, MB': Math.round((made.bytes / 2 ** 20) * 10) / 10,
        'rows per second, backup (median)': Math.round(rows / median(backups)),
        'rows per second, restore (median)': Math.round(rows / median(restores)),
        'restore ÷ backup (medians)': Math.round((median(restores) / median(backups)) * 100) / 100,
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
