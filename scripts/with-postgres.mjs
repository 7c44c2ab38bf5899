#!/usr/bin/env node
// Runs a command with PUENTE_TEST_PG pointing at a PostgreSQL server that
// accepts connections, or fails with a plain message: the PostgreSQL half of
// the suite is never skipped quietly.
import { spawn } from 'node:child_process';
import pg from 'pg';

const url = process.env.PUENTE_TEST_PG || 'postgres://puente:puente@127.0.0.1:5432/postgres';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  const { rows } = await client.query('show server_version_num');
  await client.end();
  if (Number(rows[0].server_version_num) < 150000) throw new Error('PostgreSQL 15 or newer is needed');
} catch (error) {
  const where = new URL(url);
  where.password = where.password ? '***' : '';
  console.error(
    `PostgreSQL tests cannot run: ${error.message}\n` +
      `  tried ${where}\n` +
      '  Start PostgreSQL and create a role that may create databases, e.g.\n' +
      '    pg_ctlcluster 15 main start\n' +
      `    sudo -u postgres psql -c "create role puente login createdb createrole password 'puente'"\n` +
      '    sudo -u postgres psql -c "grant pg_signal_backend to puente"\n' +
      '  or set PUENTE_TEST_PG to an admin URL of your own.',
  );
  process.exit(1);
}

const [command, ...args] = process.argv.slice(2);
const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, PUENTE_TEST_PG: url } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
