import type { Config } from './config.js';
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
import type { Logger } from './log.js';
import { announceDemo } from './setup/announce.js';
import { loadDemo } from './setup/demo.js';
import { refuseUnlessDemoOnly } from './setup/demo-guard.js';
import { createAdmin, resetPassword } from './setup/operator.js';

/** The options of `puente <command>` that the commands other than `start` read (cli.ts parses them). */
export interface CommandOptions {
  org?: string | undefined;
  format?: string | undefined;
  temporary?: boolean | undefined;
  name?: string | undefined;
  owner?: string | undefined;
  app?: string | undefined;
  to?: string | undefined;
  'into-nonempty'?: boolean | undefined;
}

/**
 * Every `puente` command but `start`: each runs once and returns its exit
 * code (see cli.ts's usage), or undefined for a command it does not know.
 */
export async function runCommand(
  command: string,
  positionals: string[],
  values: CommandOptions,
  config: Config,
  log: Logger,
  say: (line: string) => void,
): Promise<number | undefined> {
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
    return undefined;
  } finally {
    await db.close();
  }
}
