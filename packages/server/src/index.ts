// What other packages may use of the server (`@puente/server`): build the app, read its
// settings, open and migrate a database, load an organization or a directory, and back it up and restore it.
// Everything else is the server's own; deep imports are refused by the package's exports.
export { type App, type AppDeps, buildApp } from './app.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { migrate } from './db/migrate.js';
export { openPglite } from './db/pglite.js';
export { openPostgres } from './db/postgres.js';
export type { Database, Queryable } from './db/types.js';
export { takeBackup } from './features/backup/backup.js';
export { restoreBackup } from './features/backup/restore.js';
export type { SourcedRecord } from './features/hsds/entities.js';
export { importDirectory } from './features/hsds/import.js';
export { createLogger, type Logger } from './log.js';
export { createOrganization, type PersonSeed } from './setup/organizations.js';
