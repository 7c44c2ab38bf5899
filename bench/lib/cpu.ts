import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import type { Database } from '@puente/server';

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** A process's parent and CPU milliseconds so far, user and system (from /proc, as `top` reads it). */
async function statOf(pid: number): Promise<{ ppid: number; ms: number } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return undefined;
  // Fields after the command's closing parenthesis: state is field 3, ppid 4, utime 14 and stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks };
}

/** CPU milliseconds one process has used so far; 0 once it is gone. */
export async function cpuMs(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  return (await statOf(pid))?.ms ?? 0;
}

/** The process and its descendants: with PUENTE_WORKERS above 1, the primary and every worker. */
export async function processTree(pid: number): Promise<number[]> {
  const all = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  const parents = new Map<number, number>();
  await Promise.all(
    all.map(async (p) => {
      const stat = await statOf(p);
      if (stat) parents.set(p, stat.ppid);
    }),
  );
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [p, parent] of parents) {
      if (!tree.has(p) && tree.has(parent)) {
        tree.add(p);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** CPU milliseconds the server has used so far: its process and, in a cluster, every worker alive now. */
export async function serverCpuMs(pid: number | undefined): Promise<number> {
  if (!pid) return Number.NaN;
  let ms = 0;
  for (const p of await processTree(pid)) ms += (await statOf(p))?.ms ?? 0;
  return ms;
}

/**
 * A running count of the CPU that PostgreSQL's backends serving this
 * database used: the benchmark's own database only, so other work on the
 * same cluster does not count (its shared writers and autovacuum do not
 * either). Backends are read by process id, as the server's pool keeps them.
 */
export async function databaseCpu(db: Database) {
  const pids = async () =>
    (
      await db.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).map((r) => r.pid);
  const each = async (of: number[]) =>
    new Map(await Promise.all(of.map(async (p) => [p, await cpuMs(p)] as const)));
  return {
    /** The CPU milliseconds each of those backends has used so far. */
    mark: async (): Promise<Map<number, number>> => each(await pids()),
    /**
     * Milliseconds used since `from` by the backends there now (one that
     * started meanwhile counts whole; what one that ended used is lost, so
     * the figure is a floor: the pool keeps its connections, so it is close).
     */
    async since(from: Map<number, number>): Promise<number> {
      let ms = 0;
      for (const [pid, now] of await each(await pids())) ms += now - (from.get(pid) ?? 0);
      return ms;
    },
  };
}
