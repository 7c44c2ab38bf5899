import { type DirectoryImportRun, PuenteError, uuidv7 } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import type { Logger } from '../../log.js';
import { recordAudit, who } from '../audit/record.js';
import { holdLease, leaseIsLive } from '../imports/lease.js';
import { logStopped } from '../imports/stopped.js';
import type { BeforeCommit } from './import.js';
import type { ReadResult } from './read-tabular.js';
import { type ReadyService, serviceRecords } from './sheet-rows.js';
import { writeServices } from './sheet-write.js';

/** Services per step of the progress bar; all steps are one transaction. */
export const directoryBatchSize = 500;

/** What an import writes: the template's services, or HSDS files as read. */
export type DirectoryWork =
  | { kind: 'template'; services: ReadyService[] }
  | { kind: 'hsds'; read: ReadResult; total: number };

/**
 * How far each running import of this server has gone. Unlike the caseload import, a directory
 * import is one transaction (a directory half replaced would send people to the wrong places),
 * so its progress cannot be read from committed rows; a poll that reaches another server sees
 * it running at 0 until it is done, which the audit trail tells any server.
 */
const written = new Map<string, number>();

const subject = (id: string) => ({ subjectType: 'directory-import', subjectId: id });

async function write(
  db: Database,
  orgId: string,
  run: string,
  work: DirectoryWork,
  afterStep: (done: number) => void,
  finish: BeforeCommit,
): Promise<void> {
  if (work.kind === 'hsds') {
    // Loaded with the run, as the routes load the readers (routes.ts): HSDS checking holds a few MB.
    const { importDirectory } = await import('./import.js');
    await importDirectory(
      db,
      orgId,
      work.read,
      (done, total, stage) => {
        // Writing the records is most of the work; indexing them the rest.
        if (stage === 'indexed') written.set(run, Math.floor((work.total * done) / Math.max(total, 1)));
      },
      finish,
    );
    return;
  }
  await db.transaction(async (tx) => {
    for (let at = 0; at < work.services.length; at += directoryBatchSize) {
      // Each batch's records are made from its rows' text now and dropped once written: only one
      // batch of records is alive at a time, however long the sheet.
      const batch = work.services.slice(at, at + directoryBatchSize).map((s) => serviceRecords(s.text));
      await writeServices(tx, orgId, batch);
      const done = Math.min(at + directoryBatchSize, work.services.length);
      written.set(run, done);
      afterStep(done);
    }
    await finish(tx);
  });
}

/**
 * Starts an import after the answer has gone; `directoryImportProgress` follows it. `afterStep`
 * lets a test cut an import off part way, to see that nothing of it stays.
 */
export async function startDirectoryImport(
  db: Database,
  caller: Caller,
  work: DirectoryWork,
  log: Logger,
  afterStep: (done: number) => void = () => {},
): Promise<{ run: DirectoryImportRun; done: Promise<void> }> {
  const id = uuidv7();
  const total = work.kind === 'template' ? work.services.length : work.total;
  await db.transaction((tx) =>
    recordAudit(tx, who(caller), {
      action: 'directory.import-started',
      ...subject(id),
      detail: { kind: work.kind, total },
    }),
  );
  written.set(id, 0);
  const release = await holdLease(db, caller.actor.orgId, id);
  const finished = (tx: Queryable, stopped: boolean) =>
    recordAudit(tx, who(caller), {
      action: 'directory.import-finished',
      ...subject(id),
      detail: { kind: work.kind, services: stopped ? 0 : total, stopped },
    });
  const done = (async () => {
    try {
      // "Finished" commits with the services or vanishes with them: a server that dies at any
      // moment leaves either both (done) or neither (interrupted, truly nothing saved).
      await write(db, caller.actor.orgId, id, work, afterStep, (tx) => finished(tx, false));
    } catch (error) {
      logStopped(log, error, 'directory import stopped');
      // What failed after the commit (PGlite's vacuum) leaves the import done, not stopped.
      if (!(await finishedRecorded(db, caller.actor.orgId, id)))
        await db.transaction((tx) => finished(tx, true));
    } finally {
      written.delete(id);
    }
  })()
    // Nobody waits for it but tests: a database gone before "stopped" is written is logged, never unhandled.
    .catch((error: unknown) => logStopped(log, error, 'directory import could not record its end'))
    .finally(release);
  return { run: { id, state: 'running', total, done: 0 }, done };
}

async function finishedRecorded(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from audit_event where org_id = $1 and subject_type = 'directory-import'
        and subject_id = $2 and action = 'directory.import-finished'`,
    [orgId, id],
  );
  return rows.length > 0;
}

/** How far an import of the caller's organization has gone. */
export async function directoryImportProgress(
  db: Queryable,
  orgId: string,
  id: string,
): Promise<DirectoryImportRun> {
  const rows = await db.query<{ action: string; detail: Record<string, unknown> }>(
    `select action, detail from audit_event
      where org_id = $1 and subject_type = 'directory-import' and subject_id = $2`,
    [orgId, id],
  );
  const started = rows.find((r) => r.action === 'directory.import-started');
  if (!started) throw new PuenteError(404, 'errors.directoryImportNotFound');
  const finished = rows.find((r) => r.action === 'directory.import-finished');
  const total = Number(started.detail.total ?? 0);
  if (!finished) {
    // Cut off by a restart: "finished" commits in the data's own transaction, so without it
    // nothing of the import was written.
    if (!(await leaseIsLive(db, orgId, id))) return { id, state: 'interrupted', total, done: 0 };
    return { id, state: 'running', total, done: written.get(id) ?? 0 };
  }
  const stopped = Boolean(finished.detail.stopped);
  return { id, state: stopped ? 'stopped' : 'done', total, done: stopped ? 0 : total };
}
