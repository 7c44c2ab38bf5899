#!/usr/bin/env node
import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';

// Each command loads its own modules when it runs: a cluster's primary, which only forks and
// watches, then holds none of the app, and a command holds only what it uses.
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
    const options = { demo: values.demo ?? false };
    if (cluster.isWorker) {
      await (await import('./cluster/worker.js')).runWorker(config, log, options);
      return -1;
    }
    // The workers run this same command line: --demo reaches the setup process that loads the demo.
    if (config.workers > 1) {
      await (await import('./cluster/primary.js')).startCluster(config, log, say);
      return -1;
    }
    const server = await (await import('./setup/start.js')).startPuente(config, log, options, say);
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

  const code = await (await import('./commands.js')).runCommand(
    command,
    positionals,
    values,
    config,
    log,
    say,
  );
  if (code !== undefined) return code;
  say(`Unknown command "${command}".\n\n${usage}`);
  return 2;
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
