import { buildApp, createLogger, createOrganization, type Database } from '@puente/server';
import { sheetPerson, spanishHeader, testConfig, toCsv, toXlsx } from '@puente/server/testing';
import type { ScenarioContext, ScenarioResult } from '../lib/context.js';
import { memoryPeak } from '../lib/memory.js';
import { summarize } from '../lib/stats.js';

/** People in the sheet: M is the 5,000 a program moving from spreadsheets brings (issue 17). */
export const sheetSizes = { S: 500, M: 5_000, L: 10_000 } as const;

const admin = { email: 'admin@import.bench', password: 'bench password 2026' };
const chws = ['rosa@import.bench', 'marcus@import.bench'];

/** A fresh program each run: the duplicate check looks at the program's own caseload. */
async function program(db: Database, run: number): Promise<void> {
  const at = (email: string) => email.replace('@', `+${run}@`);
  await db.transaction((tx) =>
    createOrganization(tx, { name: `Import ${run}`, locale: 'es', twoFactor: 'none' }, [
      { email: at(admin.email), password: admin.password, displayName: 'Admin', role: 'admin', locale: 'es' },
      ...chws.map((email, i) => ({
        email: at(email),
        password: admin.password,
        displayName: `Promotora ${i}`,
        role: 'chw' as const,
        locale: 'es' as const,
      })),
    ]),
  );
}

/**
 * A caseload sheet of `size` people (CSV and XLSX, Spanish headers, two CHWs, consent on half)
 * brought in by an admin through the whole HTTP stack in process: the dry run of each file, then
 * the import of the XLSX until its progress says done. Peak memory of the process meanwhile
 * (the server's work and, on PGlite, the embedded database's).
 */
export async function caseloadImportScenario({
  bench,
  size,
  quick,
}: ScenarioContext): Promise<ScenarioResult> {
  const { db } = bench;
  const people = sheetSizes[size];
  const app = buildApp({ db, config: testConfig(), log: createLogger('silent') });
  const runs = quick ? 1 : 3;
  const times = { csv: [] as number[], xlsx: [] as number[], import: [] as number[] };
  const stop = memoryPeak();
  const before = process.memoryUsage().rss;
  let bytes = { csv: 0, xlsx: 0 };
  for (let run = 0; run < runs; run++) {
    await program(db, run);
    const at = (email: string) => email.replace('@', `+${run}@`);
    const rows = [
      spanishHeader,
      ...Array.from({ length: people }, (_, i) => sheetPerson(i, at(chws[i % 2] ?? ''))),
    ];
    const files = { csv: toCsv(rows), xlsx: toXlsx(rows) };
    bytes = { csv: files.csv.length, xlsx: files.xlsx.length };
    const signIn = await app.request('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email: at(admin.email), password: admin.password }),
    });
    const headers = {
      cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
      'content-type': 'application/json',
      'sec-fetch-site': 'same-origin',
    };
    const send = async (path: string, file: Uint8Array, name: string) => {
      const body = JSON.stringify({
        fileName: name,
        content: Buffer.from(file).toString('base64'),
        dateOrder: 'dmy',
      });
      const res = await app.request(path, { method: 'POST', headers, body });
      if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { ready?: number; id?: string; state?: string; created?: number };
    };
    for (const kind of ['csv', 'xlsx'] as const) {
      const start = performance.now();
      const report = await send('/api/caseload-import/check', files[kind], `casos.${kind}`);
      times[kind].push(performance.now() - start);
      if (report.ready !== people) throw new Error(`the dry run found ${report.ready} of ${people} ready`);
    }
    const start = performance.now();
    let progress = await send('/api/caseload-import/runs', files.xlsx, 'casos.xlsx');
    while (progress.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const res = await app.request(`/api/caseload-import/runs/${progress.id}`, { headers });
      progress = (await res.json()) as typeof progress;
    }
    times.import.push(performance.now() - start);
    if (progress.state !== 'done' || progress.created !== people)
      throw new Error(`the import ended ${progress.state} with ${progress.created} of ${people}`);
  }
  const peak = stop();
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return {
    data: { people, runs },
    figures: {
      [`dry run, ${people}-row CSV`]: summarize(times.csv),
      [`dry run, ${people}-row XLSX`]: summarize(times.xlsx),
      [`import of ${people} people (XLSX, checked again, until done)`]: summarize(times.import),
    },
    values: {
      'CSV bytes': bytes.csv,
      'XLSX bytes': bytes.xlsx,
      'process RSS before, MB': mb(before),
      'peak process RSS, MB': mb(peak.rss),
      'peak JS heap used, MB': mb(peak.heap),
    },
  };
}
