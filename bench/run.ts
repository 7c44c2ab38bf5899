import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Size } from './lib/context.js';
import { benchDatabase, type Engine } from './lib/database.js';
import { machine } from './lib/machine.js';
import { seeded } from './lib/random.js';
import { writeReport } from './report.js';
import { caseloadScenario } from './scenarios/caseload.js';
import { directoryScenario } from './scenarios/directory.js';
import { loadScenario } from './scenarios/load.js';
import { reportsScenario } from './scenarios/reports.js';
import { startupScenario } from './scenarios/startup.js';
import { syncScenario } from './scenarios/sync.js';
import { webScenario } from './scenarios/web.js';

const scenarios = {
  caseload: caseloadScenario,
  directory: directoryScenario,
  load: loadScenario,
  reports: reportsScenario,
  startup: startupScenario,
  sync: syncScenario,
  web: webScenario,
} as const;
type Scenario = keyof typeof scenarios;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: 'S' },
    db: { type: 'string', default: 'pglite' },
    seed: { type: 'string', default: '20261126' },
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
    `Usage: npm run bench -- <${Object.keys(scenarios).join('|')}> [--size S|M|L] [--db pglite|postgres] [--seed N]`,
  );
  process.exit(2);
}

const bench = await benchDatabase(values.db as Engine);
const { db, drop } = bench;
// Read before the scenario: some scenarios hand the database to a server process.
const lastMachine = await machine(db);
try {
  const started = new Date();
  const result = await scenarios[name]({
    bench,
    random: seeded(Number(values.seed)),
    size: values.size as Size,
  });
  const record = {
    scenario: name,
    size: values.size,
    seed: Number(values.seed),
    at: started.toISOString(),
    machine: lastMachine,
    ...result,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  const file = new URL(`./results/${name}-${values.size}-${values.db}.json`, import.meta.url);
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
  await writeReport();
  console.log('README performance section updated.');
} finally {
  await drop();
}
