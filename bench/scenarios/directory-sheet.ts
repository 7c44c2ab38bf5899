import { createLogger, createOrganization, type Database } from '@puente/server';
import {
  checkDirectoryFile,
  readDirectoryFile,
  sheetService,
  spanishTemplateHeader,
  startDirectoryImport,
  toCsv,
  toXlsx,
} from '@puente/server/testing';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { memoryPeak } from '../lib/memory.js';
import { summarize } from '../lib/stats.js';

/** Services in the sheet: M is the 20,000-row directory issue 17 asks to be timed. */
export const directorySheetSizes = { S: 2_000, M: 20_000, L: 25_000 } as const;

/** A fresh program each run, so every run adds its services rather than updating the last run's. */
async function program(db: Database, run: number): Promise<{ orgId: string; adminId: string }> {
  const { orgId, userIds } = await db.transaction((tx) =>
    createOrganization(tx, { name: `Directory ${run}`, locale: 'es', twoFactor: 'none' }, [
      {
        email: `admin+${run}@directory-sheet.bench`,
        password: 'bench password 2026',
        displayName: 'Admin',
        role: 'admin',
        locale: 'es',
      },
    ]),
  );
  return { orgId, adminId: Object.values(userIds)[0] ?? '' };
}

/**
 * A directory sheet of `size` services (the template with Spanish headers, hours in words,
 * categories, languages, an address each) read, checked and imported with the app's own
 * functions: the dry run of the CSV and of the XLSX, then the import of the XLSX, checked again,
 * until its one transaction has committed and search is rebuilt. The app takes files up to
 * 10 MB in one request (its own bytes, not base64), so the whole sheet of every size comes in
 * one file; this times the work without the HTTP body around it. Peak memory of the process
 * meanwhile.
 */
export async function directorySheetScenario({
  bench,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const services = directorySheetSizes[size];
  const runs = quick ? 1 : 3;
  const times = { csv: [] as number[], xlsx: [] as number[], import: [] as number[] };
  const rows = [spanishTemplateHeader, ...Array.from({ length: services }, (_, i) => sheetService(i))];
  const files = { csv: toCsv(rows), xlsx: toXlsx(rows) };
  const log = createLogger('silent');
  const stop = memoryPeak();
  const before = process.memoryUsage().rss;
  for (let run = 0; run < runs; run++) {
    const { orgId, adminId } = await program(db, run);
    const caller = {
      actor: { userId: adminId, orgId, role: 'admin' as const, locale: 'es' as const, sessionHash: 'bench' },
      ip: '127.0.0.1',
    };
    const check = async (bytes: Uint8Array) => {
      const file = await readDirectoryFile(bytes, Number.POSITIVE_INFINITY);
      return db.transaction((tx) => checkDirectoryFile(tx, caller, file));
    };
    for (const kind of ['csv', 'xlsx'] as const) {
      const start = performance.now();
      const { report } = await check(files[kind]);
      times[kind].push(performance.now() - start);
      if (report.ready !== services)
        throw new Error(`the dry run found ${report.ready} of ${services} ready`);
    }
    const start = performance.now();
    const { ready } = await check(files.xlsx);
    const { done } = await startDirectoryImport(db, caller, { kind: 'template', services: ready }, log);
    await done;
    times.import.push(performance.now() - start);
    const [count] = await db.query<{ n: number }>(
      'select count(*)::int as n from directory_entry where org_id = $1',
      [orgId],
    );
    if (count?.n !== services)
      throw new Error(`the import left ${count?.n} of ${services} services searchable`);
  }
  const peak = stop();
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    data: { services, runs },
    figures: {
      [`dry run, ${services}-row CSV`]: summarize(times.csv),
      [`dry run, ${services}-row XLSX`]: summarize(times.xlsx),
      [`import of ${services} services (XLSX, checked again, one transaction, search rebuilt)`]: summarize(
        times.import,
      ),
    },
    values: {
      'CSV bytes': files.csv.length,
      'XLSX bytes': files.xlsx.length,
      'process RSS before, MB': mb(before),
      'peak process RSS, MB': mb(peak.rss),
      'peak JS heap used, MB': mb(peak.heap),
    },
  };
}
