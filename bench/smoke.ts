// Every benchmark scenario at size S, as a smoke check for CI: each must run
// and write a well-formed result. No timing is judged here (timings belong to
// the machine they were measured on), so scenarios run --quick (the fewest
// repetitions), and results go to a temporary directory: bench/results/ and
// the README's performance section stay as measured.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each scenario on the database its budget is measured on. */
const runs = [
  ['caseload', 'pglite'],
  ['caseload-import', 'pglite'],
  ['directory-sheet', 'pglite'],
  ['directory', 'pglite'],
  ['recall', 'pglite'],
  ['sync', 'pglite'],
  ['startup', 'pglite'],
  ['web', 'pglite'],
  ['phone', 'pglite'],
  ['first-screens', 'pglite'],
  ['reports', 'postgres'],
  ['load', 'postgres'],
  ['initial-syncs', 'postgres'],
  ['upgrade', 'postgres'],
  ['backup', 'postgres'],
  ['reminders', 'postgres'],
  ['replica', 'postgres'],
  // From the embedded database to PostgreSQL: it needs both.
  ['move', 'pglite'],
] as const;

const root = fileURLToPath(new URL('..', import.meta.url));
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** What is wrong with one result file, as sentences; empty when it is well-formed. */
function problemsOf(result: unknown, scenario: string, db: string): string[] {
  if (!isObject(result)) return ['not a JSON object'];
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  expect(result.scenario === scenario, `scenario is ${String(result.scenario)}, not ${scenario}`);
  expect(result.size === 'S', `size is ${String(result.size)}, not S`);
  expect(isNumber(result.seed), 'seed is not a number');
  expect(typeof result.at === 'string' && !Number.isNaN(Date.parse(result.at)), 'at is not a date');
  const m = result.machine;
  if (!isObject(m)) problems.push('machine is missing');
  else {
    expect(isNumber(m.cpus) && m.cpus > 0, 'machine.cpus is not a positive number');
    expect(isNumber(m.memoryGiB), 'machine.memoryGiB is not a number');
    for (const key of ['cpuModel', 'os', 'node', 'databaseVersion'])
      expect(typeof m[key] === 'string' && m[key] !== '', `machine.${key} is empty`);
    expect(m.database === db, `machine.database is ${String(m.database)}, not ${db}`);
  }
  for (const key of ['data', 'values'] as const) {
    const group = result[key];
    if (group === undefined && key === 'values') continue;
    if (!isObject(group)) problems.push(`${key} is missing`);
    else
      for (const [name, value] of Object.entries(group))
        expect(isNumber(value), `${key}["${name}"] is ${JSON.stringify(value)}, not a number`);
  }
  const figures = result.figures;
  if (!isObject(figures) || Object.keys(figures).length === 0) problems.push('figures are missing');
  else
    for (const [name, f] of Object.entries(figures)) {
      const where = `figures["${name}"]`;
      if (!isObject(f)) {
        problems.push(`${where} is not an object`);
        continue;
      }
      expect(Number.isInteger(f.count) && Number(f.count) > 0, `${where}.count is not a positive integer`);
      const stats = ['p50', 'p95', 'p99', 'max'] as const;
      for (const s of stats) expect(isNumber(f[s]) && Number(f[s]) >= 0, `${where}.${s} is not a duration`);
      // Percentiles of one sample set cannot decrease: a shape check, not a timing one.
      if (stats.every((s) => isNumber(f[s])))
        expect(
          stats.every((s, i) => i === 0 || Number(f[stats[i - 1] ?? s]) <= Number(f[s])),
          `${where} percentiles are out of order`,
        );
    }
  return problems;
}

/** Fingerprints of what the smoke run must not touch: the committed results and the README. */
async function committed(): Promise<Map<string, string>> {
  // Results kept in folders (bench/results/baseline: a measure from before a change) count too.
  const kept = await readdir(join(root, 'bench/results'), { recursive: true, withFileTypes: true });
  const files = [
    ...kept
      .filter((f) => f.isFile())
      .map((f) => relative(root, join(f.parentPath, f.name)).split(sep).join('/')),
    'README.md',
  ];
  const sums = new Map<string, string>();
  for (const file of files.sort())
    sums.set(
      file,
      createHash('sha256')
        .update(await readFile(join(root, file)))
        .digest('hex'),
    );
  return sums;
}

/** Start-up, web, phone and load run the built server: use the build `npm test` just made, or make one. */
function ensureBuilt() {
  const built = ['packages/server/dist/cli.js', 'packages/web/dist/index.html'];
  if (built.every((file) => existsSync(join(root, file)))) return;
  console.log('No build yet: building Puente first…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

async function main() {
  ensureBuilt();
  const before = await committed();
  const out = await mkdtemp(join(tmpdir(), 'puente-bench-smoke-'));
  const failures: string[] = [];
  const table: Record<string, { db: string; seconds: number; result: string }> = {};
  try {
    for (const [scenario, db] of runs) {
      const started = performance.now();
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=source',
          'bench/run.ts',
          scenario,
          '--size',
          'S',
          '--db',
          db,
          '--out',
          out,
          '--quick',
        ],
        { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 },
      );
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      let problems: string[];
      if (run.status !== 0) {
        problems = [`exited with ${run.status ?? run.signal}:\n${run.stderr || run.stdout}`.trimEnd()];
      } else {
        const file = join(out, `${scenario}-S-${db}.json`);
        const text = await readFile(file, 'utf8').catch(() => undefined);
        problems = text === undefined ? [`wrote no ${file}`] : problemsOf(JSON.parse(text), scenario, db);
      }
      table[scenario] = { db, seconds, result: problems.length === 0 ? 'well-formed' : 'FAILED' };
      failures.push(...problems.map((p) => `${scenario} (${db}): ${p}`));
      console.log(
        `${scenario} on ${db}: ${problems.length === 0 ? 'well-formed' : 'FAILED'} in ${seconds} s`,
      );
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
  const after = await committed();
  const touched = [...new Set([...before.keys(), ...after.keys()])].filter(
    (f) => before.get(f) !== after.get(f),
  );
  if (touched.length > 0) failures.push(`changed during the smoke run: ${touched.join(', ')}`);
  console.table(table);
  if (failures.length > 0) {
    console.error(`\nBenchmark smoke check failed:\n${failures.map((f) => `- ${f}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Every scenario ran at size S and wrote a well-formed result (timings are not judged).');
}

await main();
