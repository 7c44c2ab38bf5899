#!/usr/bin/env node
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { startCluster } from './cluster/primary.js';
import { runWorker } from './cluster/worker.js';
import { ConfigError, loadConfig } from './config.js';
import { parseHosts } from './db/hosts.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { auditSeal, withAuditKey } from './features/audit/key.js';
import { auditRolesSql } from './features/audit/roles.js';
import { verifyAuditChains } from './features/audit/verify.js';
import { backupCommand, backupKeyCommand, restoreCommand } from './features/backup/cli.js';
import { servedBy } from './features/backup/control.js';
import { moveCommand } from './features/backup/move.js';
import { directoryExport, directoryImport } from './features/hsds/cli.js';
import { createLogger } from './log.js';
import { loadDemo } from './setup/demo.js';
import { refuseUnlessDemoOnly } from './setup/demo-guard.js';
import { createAdmin, resetPassword } from './setup/operator.js';
import { announceDemo, startPuente } from './setup/start.js';

const usage = `Usage: puente <command> [options]

Commands:
  start [--demo]   migrate, then serve the API and the web app (default)
  migrate          apply pending database migrations and exit
  demo             load the demo organization and exit (only into a database
                   that holds nothing else)
  reset-password <email> [--temporary]
                   print a single-use reset link (or, with --temporary, a
                   one-time password that must be changed at sign-in)
  create-admin <email> [--name <name>] [--org <orgId>]
                   add an admin and print their one-time password
  audit-verify     check every organization's audit chain against its key and
                   the checkpoints outside the database; exits 1 if broken
  audit-roles [--owner <role>] [--app <role>]
                   print the SQL (run it once as a superuser) that gives the
                   audit table an owner role of its own, so the app role can
                   only add events (PostgreSQL)
  directory-import <path> --org <orgId>
                   import an HSDS directory: a folder of CSVs with datapackage.json,
                   a .zip of one, or HSDS JSON; prints progress and a summary
  directory-export <folder> --org <orgId> [--format csv|json]
                   write the organization's directory in the HSDS tabular form
  backup [--to <folder>]
                   write one encrypted backup file of the whole database (to
                   PUENTE_BACKUP_DIR by default); while a server runs on the
                   embedded database, that server makes it
  restore <file> [--into-nonempty]
                   restore a backup into an empty database (or, with
                   --into-nonempty, replace everything in it), migrate it to this
                   version and verify the audit chains
  backup-key [<file>]
                   make a new backup key file (mode 0600) at PUENTE_BACKUP_KEY_FILE
                   or <file>; keep a copy apart from the backups
  move-to-postgres <database-url>
                   copy the embedded program in DATA_DIR (paused while it runs)
                   into an empty PostgreSQL database, verify the counts and audit
                   chains, and print the next start command; phones keep syncing

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
      temporary: { type: 'boolean', default: false },
      name: { type: 'string' },
      owner: { type: 'string', default: 'puente_audit' },
      app: { type: 'string' },
      to: { type: 'string' },
      'into-nonempty': { type: 'boolean', default: false },
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
    // PUENTE_WORKERS above 1: this process forks the workers, and each of them runs this same command.
    if (cluster.isWorker) {
      await runWorker(config, log);
      return -1;
    }
    if (config.workers > 1) {
      await startCluster(config, log, { demo: values.demo ?? false }, say);
      return -1;
    }
    const server = await startPuente(config, log, { demo: values.demo ?? false }, say);
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

  if (command === 'audit-roles') {
    // The role is the same on every host of a multi-host URL (db/hosts.ts): read it from the first.
    const hosts = config.databaseUrl ? parseHosts(config.databaseUrl) : undefined;
    const first = hosts?.hosts[0];
    const app = values.app ?? (hosts && first ? new URL(hosts.urlFor(first)).username : '');
    if (!app) {
      say('Name the role the app connects as: puente audit-roles --app <role>');
      return 2;
    }
    say(auditRolesSql({ owner: values.owner ?? 'puente_audit', app: decodeURIComponent(app) }));
    return 0;
  }

  if (command === 'backup-key') return backupKeyCommand(config, positionals[1], say);
  if (command === 'backup') return backupCommand(config, values.to, say);
  if (command === 'move-to-postgres') {
    if (!positionals[1]) {
      say('Usage: puente move-to-postgres <database-url>   (postgres://user:password@host:5432/database)');
      return 2;
    }
    return moveCommand(config, positionals[1], say);
  }
  if (command === 'restore') {
    if (!positionals[1]) {
      say('Usage: puente restore <file> [--into-nonempty]');
      return 2;
    }
    return restoreCommand(config, positionals[1], { intoNonEmpty: values['into-nonempty'] ?? false }, say);
  }

  // Two processes on one embedded database corrupt it: while a server holds it, commands wait their turn.
  if (!config.databaseUrl && (await servedBy(config.dataDir))) {
    say(`A Puente server is running on ${config.dataDir}: stop it first, then run \`${command}\` again.`);
    return 1;
  }
  const db = await openDatabase(config);
  try {
    if (command === 'migrate') {
      // Back-fills of a large upgrade say how far they got instead of going quiet for minutes.
      const applied = await migrate(db, undefined, { log });
      say(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    if (command === 'demo') {
      await migrate(db);
      await refuseUnlessDemoOnly(db);
      announceDemo(await loadDemo(db), say);
      return 0;
    }
    if (command === 'reset-password' || command === 'create-admin') {
      const email = positionals[1];
      if (!email) {
        say(`Usage: puente ${command} <email>`);
        return 2;
      }
      await migrate(db);
      if (command === 'create-admin') {
        const made = await createAdmin(db, { email, displayName: values.name, orgId: values.org });
        say(
          `Admin ${made.email} added.\n  one-time password: ${made.password}\nIt must be changed at the first sign-in.`,
        );
        return 0;
      }
      const reset = await resetPassword(db, config, email, { temporary: values.temporary });
      say(
        'link' in reset
          ? `Give ${reset.email} this link; it works once, for one hour:\n  ${reset.link}`
          : `One-time password for ${reset.email}: ${reset.password}\nIt must be changed at the next sign-in.`,
      );
      return 0;
    }
    if (command === 'audit-verify') {
      const seal = auditSeal(await withAuditKey(config));
      const reports = await verifyAuditChains(db, seal);
      for (const r of reports) {
        const legacy = r.unkeyed > 0 ? `, ${r.unkeyed} from before keying` : '';
        say(
          r.ok
            ? `ok      ${r.orgId}  ${r.events} events${legacy}`
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
