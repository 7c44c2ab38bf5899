import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '@puente/server';

const run = promisify(execFile);

/**
 * Raw insert throughput of this PostgreSQL: pgbench with a one-insert script
 * into a scratch table, as many clients as Puente's simulated CHWs get
 * connections. This is the ceiling Puente's writes are compared with.
 */
export async function pgbenchInserts(
  db: Database,
  url: string,
  clients: number,
  seconds: number,
): Promise<number> {
  await db.query(
    'create table if not exists pgbench_insert (id bigserial primary key, org_id uuid, body text, at timestamptz default now())',
  );
  const script = join(tmpdir(), `puente-pgbench-${process.pid}.sql`);
  await writeFile(
    script,
    "insert into pgbench_insert (org_id, body) values (gen_random_uuid(), repeat('x', 200));\n",
  );
  const { stdout } = await run(
    'pgbench',
    ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', script, url],
    {
      maxBuffer: 1 << 20,
    },
  );
  await db.query('drop table pgbench_insert');
  const match = stdout.match(/tps = ([\d.]+)/);
  if (!match?.[1]) throw new Error(`pgbench printed no tps:\n${stdout}`);
  return Number(match[1]);
}
