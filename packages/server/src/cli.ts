#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { verifyAuditChains } from './features/audit/verify.js';
import { directoryExport, directoryImport } from './features/directory/cli.js';
import { createLogger } from './log.js';
import { startServer } from './server.js';
import { DEMO_PASSWORD, loadDemo } from './setup/demo.js';
import { ensureFirstAdmin, type FirstAdmin } from './setup/first-start.js';

const usage = `Usage: puente <command> [options]

Commands:
  start [--demo]   migrate, then serve the API and the web app (default)
  migrate          apply pending database migrations and exit
  demo             load the demo organization and exit
  audit-verify     check every organization's audit chain; exits 1 if broken
  directory-import <path> --org <orgId>
                   import an HSDS directory: a folder of CSVs with datapackage.json,
                   a .zip of one, or HSDS JSON; prints progress and a summary
  directory-export <folder> --org <orgId> [--format csv|json]
                   write the organization's directory in the HSDS tabular form

Settings come from environment variables; see the README.`;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
      org: { type: 'string' },
      format: { type: 'string', default: 'csv' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help) {
    say(usage);
    return 0;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel);

  if (command === 'start') {
    let admin: FirstAdmin | undefined;
    let demo: Awaited<ReturnType<typeof loadDemo>> | undefined;
    const server = await startServer(config, log, async (db) => {
      admin = await ensureFirstAdmin(db);
      if (values.demo) demo = await loadDemo(db);
    });
    if (admin) {
      say(
        `\nPuente made its first organization. Sign in at ${server.url} with\n  email:    ${admin.email}\n  password: ${admin.password}\nThis password is shown once: change it after signing in.\n`,
      );
    }
    if (demo) await announceDemo(demo);
    say(`Puente is running at ${server.url} (database: ${server.db.kind}). Press Ctrl+C to stop.`);
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    return -1;
  }

  const db = await openDatabase(config);
  try {
    if (command === 'migrate') {
      const applied = await migrate(db);
      say(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    if (command === 'demo') {
      await migrate(db);
      await announceDemo(await loadDemo(db));
      return 0;
    }
    if (command === 'audit-verify') {
      const reports = await verifyAuditChains(db);
      for (const r of reports) {
        say(
          r.ok
            ? `ok      ${r.orgId}  ${r.events} events`
            : `BROKEN  ${r.orgId}  at place ${r.brokenAt?.position} in the chain (${r.brokenAt?.reason}) after ${r.events} good events`,
        );
      }
      return reports.every((r) => r.ok) ? 0 : 1;
    }
    if (command === 'directory-import' || command === 'directory-export') {
      const [path, orgId] = [positionals[1], values.org];
      if (!path || !orgId) {
        say(`Usage: puente ${command} <path> --org <orgId>`);
        return 2;
      }
      await migrate(db);
      // Awaited here so `finally` closes the database after the work, not during it.
      if (command === 'directory-import') return await directoryImport(db, path, orgId, say);
      return await directoryExport(db, path, orgId, values.format === 'json' ? 'json' : 'csv', say);
    }
    say(`Unknown command "${command}".\n\n${usage}`);
    return 2;
  } finally {
    await db.close();
  }
}

async function announceDemo(result: { created: boolean; emails: string[] }) {
  say(result.created ? '\nDemo organization loaded.' : '\nThe demo organization is already here.');
  say(`Demo accounts (password ${DEMO_PASSWORD}):\n${result.emails.map((e) => `  ${e}`).join('\n')}\n`);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    process.stderr.write(`Puente stopped: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
