import { type CaseloadImportRun, PuenteError, uuidv7 } from '@puente/core';
import type { Database, Queryable } from '../../db/types.js';
import type { Caller } from '../../http/env.js';
import type { Logger } from '../../log.js';
import { recordAudit, who } from '../audit/record.js';
import { writeRegistration } from '../clients/service.js';
import { holdLease, leaseIsLive } from '../imports/lease.js';
import { logStopped } from '../imports/stopped.js';
import type { SheetPerson } from './people.js';

/** People per transaction: a batch is written whole or not at all, and progress moves batch by batch. */
export const importBatchSize = 200;

const subject = (id: string) => ({ subjectType: 'caseload-import', subjectId: id });

/** Registers one person as registering does (record, assignment, audit event) and their consent if given. */
async function registerPerson(tx: Queryable, caller: Caller, run: string, p: SheetPerson): Promise<void> {
  const { actor } = caller;
  const id = uuidv7();
  await writeRegistration(tx, caller, p, { id, chwId: p.chwId ?? actor.userId, detail: { importRun: run } });
  if (!p.consent) return;
  const consent = uuidv7();
  await tx.query(
    `insert into consent (id, org_id, client_id, kind, method, given_on, note, recorded_by)
     values ($1, $2, $3, 'service', $4, $5, $6, $7)`,
    [
      consent,
      actor.orgId,
      id,
      p.consent.method,
      p.consent.givenOn,
      p.consent.recorderNote ?? null,
      p.consent.recordedBy ?? actor.userId,
    ],
  );
  await recordAudit(tx, who(caller), {
    action: 'consent.recorded',
    subjectType: 'client',
    subjectId: id,
    detail: { consent, kind: 'service', importRun: run },
  });
}

async function importBatches(db: Database, caller: Caller, run: string, people: SheetPerson[], log: Logger) {
  let created = 0;
  try {
    for (let at = 0; at < people.length; at += importBatchSize) {
      const batch = people.slice(at, at + importBatchSize);
      await db.transaction(async (tx) => {
        for (const person of batch) await registerPerson(tx, caller, run, person);
        // The progress a poll reads, committed with the people it counts.
        await recordAudit(tx, who(caller), {
          action: 'caseload.import-batch',
          ...subject(run),
          detail: { created: batch.length },
        });
      });
      created += batch.length;
    }
  } catch (error) {
    logStopped(log, error, 'caseload import stopped');
  }
  await db.transaction((tx) =>
    recordAudit(tx, who(caller), {
      action: 'caseload.import-finished',
      ...subject(run),
      detail: { created, stopped: created < people.length },
    }),
  );
}

/**
 * Starts importing the rows the dry run found ready, in batches of their own transactions after
 * the answer has gone, so a big sheet does not hold the request; `importProgress` follows it.
 * What it has done is read from the audit trail, so any server of the program can answer.
 */
export async function startImport(
  db: Database,
  caller: Caller,
  people: SheetPerson[],
  log: Logger,
): Promise<{ run: CaseloadImportRun; done: Promise<void> }> {
  const id = uuidv7();
  await db.transaction((tx) =>
    recordAudit(tx, who(caller), {
      action: 'caseload.import-started',
      ...subject(id),
      detail: { total: people.length },
    }),
  );
  const release = await holdLease(db, caller.actor.orgId, id);
  // Nobody waits for it but tests: what fails after the answer (the database gone before "finished"
  // is written) is logged by kind, never an unhandled rejection that stops the process.
  const done = importBatches(db, caller, id, people, log)
    .catch((error: unknown) => logStopped(log, error, 'caseload import could not record its end'))
    .finally(release);
  return { run: { id, state: 'running', total: people.length, created: 0 }, done };
}

/**
 * How far an import of the caller's organization has gone. One that never finished and whose
 * server stopped renewing its lease was cut off (a restart): its batches written so far stay.
 */
export async function importProgress(db: Queryable, orgId: string, id: string): Promise<CaseloadImportRun> {
  const rows = await db.query<{ action: string; detail: Record<string, unknown> }>(
    `select action, detail from audit_event
      where org_id = $1 and subject_type = 'caseload-import' and subject_id = $2`,
    [orgId, id],
  );
  const started = rows.find((r) => r.action === 'caseload.import-started');
  if (!started) throw new PuenteError(404, 'errors.sheetImportNotFound');
  const finished = rows.find((r) => r.action === 'caseload.import-finished');
  const created = rows
    .filter((r) => r.action === 'caseload.import-batch')
    .reduce((sum, r) => sum + Number(r.detail.created ?? 0), 0);
  const state = finished
    ? finished.detail.stopped
      ? 'stopped'
      : 'done'
    : (await leaseIsLive(db, orgId, id))
      ? 'running'
      : 'interrupted';
  return { id, state, total: Number(started.detail.total ?? 0), created };
}
