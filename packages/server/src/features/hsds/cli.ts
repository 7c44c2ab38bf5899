import { writeFile } from 'node:fs/promises';
import type { Database } from '../../db/types.js';
import { exportTabular, toCsvFiles, writeCsvFolder } from './export.js';
import { importDirectory, readPath } from './import.js';

const MAX_LISTED = 50;

/** `puente directory-import`: progress on one line, then a summary and the refused rows. Exit 1 if any was refused. */
export async function directoryImport(
  db: Database,
  path: string,
  orgId: string,
  say: (line: string) => void,
): Promise<number> {
  const known = await db.query('select 1 from organization where id::text = $1', [orgId]);
  if (known.length === 0) {
    say(`No organization has the id ${orgId}.`);
    return 2;
  }
  const read = await readPath(path);
  const tty = process.stdout.isTTY;
  let last = '';
  const report = await importDirectory(db, orgId, read, (done, total, stage) => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const line = `${stage.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line === last) return;
    last = line;
    // On a terminal the bar redraws in place; in a log each stage ends on its own line.
    if (tty) process.stdout.write(`\r${line}`);
    else if (done === total) say(line);
  });
  if (tty) process.stdout.write('\n');
  const imported = Object.entries(report.imported).map(([entity, n]) => `${entity} ${n}`);
  say(`Imported: ${imported.join(', ') || 'nothing'}.`);
  say(`Refused: ${report.rejected.length}. Warnings: ${report.warnings.length}.`);
  for (const issue of [...report.rejected, ...report.warnings].slice(0, MAX_LISTED)) {
    say(`  ${issue.file} row ${issue.row} · ${issue.field}: ${issue.reason}`);
  }
  if (report.rejected.length + report.warnings.length > MAX_LISTED) say('  …');
  return report.rejected.length > 0 ? 1 : 0;
}

/** `puente directory-export`: the tabular form as CSV files, or as one tabular.json. */
export async function directoryExport(
  db: Database,
  dir: string,
  orgId: string,
  format: 'csv' | 'json',
  say: (line: string) => void,
): Promise<number> {
  const tables = await exportTabular(db, orgId);
  if (format === 'json') await writeFile(dir, `${JSON.stringify(tables, null, 2)}\n`);
  else await writeCsvFolder(dir, toCsvFiles(tables));
  say(`Wrote ${Object.values(tables).reduce((n, rows) => n + rows.length, 0)} records to ${dir}.`);
  return 0;
}
