import type { Database } from '@puente/server';
import { databaseCpu } from '../cpu.js';
import { captureVisit } from './capture.js';
import { planVisit } from './plan.js';
import { startLeanServer } from './process.js';

/** What one run of visits alone gave: writes answered, failures, seconds, the server's CPU ms. */
export interface Visits {
  writes: number;
  failures: number;
  seconds: number;
  cpuMs: number;
}

interface Target {
  url: string;
  child: { pid?: number | undefined };
}

/**
 * Puente's "add a visit" against the lean baseline, in the same run: Puente's statements
 * for one visit are captured, the lean handler (server.ts) replays them for every request
 * in a process of its own with the same pool size, and the same CHWs record visits alone
 * against each in turn (Puente, lean, Puente, lean: a busy machine's drift falls on both).
 * For each: writes per second, the server's CPU ms per write and PostgreSQL's (its backends
 * serving this database, from /proc), and the statements per visit.
 */
export async function leanComparison(options: {
  db: Database;
  databaseUrl: string;
  poolSize: number;
  chw: { email: string; password: string };
  clientId: string;
  body: Record<string, unknown>;
  puente: Target;
  rounds: number;
  visits: (target: Target) => Promise<Visits>;
}): Promise<Record<string, number>> {
  const { db, visits } = options;
  const { sent, request } = await captureVisit(db, options.chw, options.clientId, options.body);
  const lean = await startLeanServer(options.databaseUrl, options.poolSize, planVisit(sent, request));
  const postgres = await databaseCpu(db);
  const total = { puente: none(), lean: none() };
  // Every visit answered must be in the database with its audit event, whoever answered it.
  const recorded = async () =>
    (
      await db.query<{ visits: number; audited: number }>(
        `select (select count(*) from encounter) as visits,
                (select count(*) from audit_event where action = 'encounter.recorded') as audited`,
      )
    )[0] ?? { visits: 0, audited: 0 };
  try {
    // The lean process is new: its first seconds compile code and prepare statements that Puente's already has.
    await visits(lean);
    const before = await recorded();
    for (let round = 0; round < options.rounds; round++) {
      for (const [name, target] of [
        ['puente', options.puente],
        ['lean', lean],
      ] as const) {
        const cpuMark = await postgres.mark();
        const run = await visits(target);
        const databaseMs = await postgres.since(cpuMark);
        const sum = total[name];
        sum.writes += run.writes;
        sum.failures += run.failures;
        sum.seconds += run.seconds;
        sum.cpuMs += run.cpuMs;
        sum.databaseMs += databaseMs;
      }
    }
    const after = await recorded();
    const answered = total.puente.writes + total.lean.writes;
    if (after.visits - before.visits !== answered || after.audited - before.audited !== answered)
      throw new Error(
        `${answered} visits answered, ${after.visits - before.visits} recorded, ${after.audited - before.audited} audited`,
      );
  } finally {
    await lean.stop();
  }
  const rate = (t: Total) => t.writes / Math.max(t.seconds, 1e-9);
  const per = (ms: number, t: Total) => Math.round((ms / Math.max(1, t.writes)) * 100) / 100;
  return {
    'SQL statements per visit, captured (Puente and lean alike)': sent.length,
    'visits per second alone, Puente': Math.round(rate(total.puente)),
    'visits per second alone, lean baseline': Math.round(rate(total.lean)),
    'Puente visits ÷ lean baseline, %': Math.round((rate(total.puente) / rate(total.lean)) * 1000) / 10,
    'failed visits, Puente': total.puente.failures,
    'failed visits, lean baseline': total.lean.failures,
    'server CPU ms per visit, Puente': per(total.puente.cpuMs, total.puente),
    'server CPU ms per visit, lean baseline': per(total.lean.cpuMs, total.lean),
    'PostgreSQL CPU ms per visit, Puente': per(total.puente.databaseMs, total.puente),
    'PostgreSQL CPU ms per visit, lean baseline': per(total.lean.databaseMs, total.lean),
  };
}

type Total = Visits & { databaseMs: number };
const none = (): Total => ({ writes: 0, failures: 0, seconds: 0, cpuMs: 0, databaseMs: 0 });
