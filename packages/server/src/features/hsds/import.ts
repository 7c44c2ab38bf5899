import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type ImportIssue, type ImportReport, PuenteError } from '@puente/core';
import { unzipSync } from 'fflate';
import type { Database, Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import { recordAudit, who } from '../audit/record.js';
import { rebuildEntries, servicesTouchedBy } from '../directory/projection.js';
import { entities, type SourcedRecord } from './entities.js';
import { readJson } from './read-json.js';
import { type ReadResult, readTabular } from './read-tabular.js';
import { storeRecords } from './store.js';
import { checkRecord } from './validate.js';

export type Progress = (done: number, total: number, stage: string) => void;
/** Work that must commit with the records or not at all (the run's "finished" in the audit trail). */
export type BeforeCommit = (tx: Queryable) => Promise<void>;

/** Reads a directory from disk: a folder of CSVs (with datapackage.json), a .zip of one, or an HSDS JSON file. */
export async function readPath(path: string): Promise<ReadResult> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const files = new Map<string, Uint8Array>();
    for (const name of await readdir(path)) {
      if (/\.(csv|json)$/i.test(name)) files.set(name, await readFile(join(path, name)));
    }
    return readTabular(files);
  }
  const bytes = await readFile(path);
  if (/\.zip$/i.test(path)) return readZip(bytes);
  return readJsonBytes(bytes, basename(path));
}

export function readZip(bytes: Uint8Array): ReadResult {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new PuenteError(400, 'errors.importNotZip');
  }
  // Files may sit in a folder inside the zip; the tabular form names them without one.
  const files = new Map(Object.entries(entries).map(([name, data]) => [basename(name), data]));
  return readTabular(files);
}

function readJsonBytes(bytes: Uint8Array, file: string): ReadResult {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PuenteError(400, 'errors.importNotJson');
  }
  return readJson(value, file);
}

/**
 * Imports records into one organization's directory in a single transaction:
 * rejected records are reported with file, row, field and reason and left
 * out, the rest is written (updating in place by HSDS id), and search is
 * rebuilt for the services touched. A crash leaves nothing half-written.
 * `beforeCommit` runs last inside that transaction.
 */
export async function importDirectory(
  db: Database,
  orgId: string,
  read: ReadResult,
  progress: Progress = () => {},
  beforeCommit?: BeforeCommit,
): Promise<ImportReport> {
  const rejected: ImportIssue[] = [...read.rejected];
  const warnings: ImportIssue[] = [];
  const accepted = new Map<string, Map<string, Record<string, unknown>>>();
  const total = read.records.length;
  read.records.forEach((r: SourcedRecord, i) => {
    const { errors, warnings: fixed } = checkRecord(r);
    const at = { file: r.source.file, row: r.source.row };
    for (const w of fixed) warnings.push({ ...at, ...w });
    if (errors.length > 0) {
      for (const e of errors) rejected.push({ ...at, ...e });
    } else {
      const byId = accepted.get(r.entity) ?? new Map<string, Record<string, unknown>>();
      const id = String(r.record.id);
      // Nested JSON repeats a record under each parent (a phone under service and location): combine them.
      byId.set(id, read.merge ? { ...byId.get(id), ...r.record } : r.record);
      accepted.set(r.entity, byId);
    }
    if (i % 5000 === 0) progress(i, total, 'checked');
  });
  progress(total, total, 'checked');

  const imported: Record<string, number> = {};
  await db.transaction(async (tx) => {
    let written = 0;
    const toWrite = [...accepted.values()].reduce((n, byId) => n + byId.size, 0);
    for (const spec of entities) {
      const records = [...(accepted.get(spec.name)?.values() ?? [])];
      if (records.length === 0) continue;
      await storeRecords(tx, orgId, spec.name, records, read.merge);
      imported[spec.name] = records.length;
      written += records.length;
      progress(written, toWrite, 'written');
    }
    const touched = await servicesTouchedBy(tx, orgId, accepted);
    await rebuildEntries(tx, orgId, touched, (done, all) => progress(done, all, 'indexed'));
    await beforeCommit?.(tx);
  });
  // PGlite runs no autovacuum: new entries would wait in GIN pending lists that every search
  // then reads, and the planner would know nothing of the new rows.
  if (db.kind === 'pglite') await db.exec('vacuum (analyze) directory_entry');
  return { imported, rejected, warnings };
}

/** An admin's upload: imported as above, then audited with how much came in and how much was refused. */
export async function importUpload(db: Database, caller: Caller, read: ReadResult): Promise<ImportReport> {
  const { orgId } = caller.actor;
  const report = await importDirectory(db, orgId, read);
  await recordAudit(db, who(caller), {
    action: 'directory.imported',
    subjectType: 'organization',
    subjectId: orgId,
    detail: { imported: report.imported, rejected: report.rejected.length },
  });
  return report;
}
