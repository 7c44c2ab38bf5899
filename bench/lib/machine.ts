import os from 'node:os';
import type { Database } from '@puente/server';

/** What produced a result: the README names the machine beside every figure. */
export async function machine(db: Database) {
  const [row] = await db.query<{ version: string }>('select version()');
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    database: db.kind,
    databaseVersion: (row?.version ?? '').split(' on ')[0] ?? '',
  };
}
