import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Size } from './lib/context.js';
import { benchDatabase, type Engine } from './lib/database.js';
import { machine } from './lib/machine.js';
import { seeded } from './lib/random.js';
import { writeReport } from './report.js';
import { backupScenario } from './scenarios/backup.js';
import { caseloadScenario } from './scenarios/caseload.js';
import { caseloadImportScenario } from './scenarios/caseload-import.js';
import { directoryScenario } from './scenarios/directory.js';
import { directorySheetScenario } from './scenarios/directory-sheet.js';
import { firstScreensScenario } from './scenarios/first-screens.js';
import { initialSyncsScenario } from './scenarios/initial-syncs.js';
import { loadScenario } from './scenarios/load.js';
import { moveScenario } from './scenarios/move.js';
import { phoneScenario } from './scenarios/phone.js';
import { recallScenario } from './scenarios/recall.js';
import { remindersScenario } from './scenarios/reminders.js';
import { replicaScenario } from './scenarios/replica.js';
import { reportsScenario } from './scenarios/reports.js';
import { startupScenario } from './scenarios/startup.js';
import { syncScenario } from './scenarios/sync.js';
import { upgradeScenario } from './scenarios/upgrade.js';
import { webScenario } from './scenarios/web.js';

const scenarios = {
  backup: backupScenario,
  caseload: caseloadScenario,
  'caseload-import': caseloadImportScenario,
  directory: directoryScenario,
  'directory-sheet': directorySheetScenario,
  'first-screens': firstScreensScenario,
  'initial-syncs': initialSyncsScenario,
  load: loadScenario,
  move: moveScenario,
  phone: phoneScenario,
  recall: recallScenario,
  reminders: remindersScenario,
  replica: replicaScenario,
  reports: reportsScenario,
  startup: startupScenario,
  sync: syncScenario,
  upgrade: upgradeScenario,
  web: webScenario,
} as const;
type Scenario = keyof typeof scenarios;
// Scenarios that find their data in a reused database instead of generating it again.
const reusable: ReadonlySet<Scenario> = new Set(['reports', 'directory', 'backup']);

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'pglite' },
    seed: { type: 'string', default: '20261126' },
    // Keep the generated database, then point later runs at it: large sizes take minutes to generate.
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    // Record the result without rewriting the README's performance section.
    'no-readme': { type: 'boolean', default: false },
    // Write the result into this directory instead of bench/results/ (smoke runs); the README is left alone.
    out: { type: 'string' },
    // Fewest repetitions (smoke checks): the figures are not measurements, so only with --out.
    quick: { type: 'boolean', default: false },
  },
});
const name = positionals[0] as Scenario | undefined;
if (
  !name ||
  !(name in scenarios) ||
  !['S', 'M', 'L'].includes(values.size) ||
  !['pglite', 'postgres'].includes(values.db)
) {
  console.error(
    `Usage: npm run bench -- <${Object.keys(scenarios).join('|')}> [--size S|M|L] [--db pglite|postgres] [--seed N] [--keep | --reuse NAME] [--no-readme] [--out DIR [--quick]]`,
  );
  process.exit(2);
}

if (values.quick && !values.out) {
  console.error('--quick results are not measurements: give --out DIR too');
  process.exit(2);
}
if (values.reuse && !reusable.has(name)) {
  console.error(`--reuse works with ${[...reusable].join(', ')} only`);
  process.exit(2);
}
const bench = await benchDatabase(values.db as Engine, { keep: values.keep, reuse: values.reuse });
const { db, drop } = bench;
// Read before the scenario: some scenarios hand the database to a server process.
const lastMachine = await machine(db);
// Timings move with whatever else the machine runs: the load average is kept beside them.
const loadAverage = () => os.loadavg().map((n) => Math.round(n * 100) / 100);
const loadBefore = loadAverage();
try {
  const started = new Date();
  const result = await scenarios[name]({
    bench,
    random: seeded(Number(values.seed)),
    size: values.size as Size,
    quick: values.quick,
  });
  const record = {
    scenario: name,
    size: values.size,
    seed: Number(values.seed),
    at: started.toISOString(),
    machine: lastMachine,
    loadAverage: { before: loadBefore, after: loadAverage() },
    ...result,
  };
  const dir = values.out ? pathToFileURL(`${resolve(values.out)}/`) : new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  const file = new URL(`${name}-${values.size}-${values.db}.json`, dir);
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(
    `\n${name} · size ${values.size} · ${record.machine.database} ${record.machine.databaseVersion}`,
  );
  console.log(
    `${record.machine.cpus} × ${record.machine.cpuModel}, ${record.machine.memoryGiB} GiB, Node ${record.machine.node}`,
  );
  console.log(JSON.stringify(result.data));
  console.table(result.figures);
  if (result.values) console.table(result.values);
  console.log(`written to ${file.pathname}`);
  if (!values['no-readme'] && !values.out) {
    await writeReport();
    console.log('README performance section updated.');
  }
} finally {
  if (values.keep || values.reuse) console.log(`database kept: --reuse ${bench.name}`);
  await drop();
}
