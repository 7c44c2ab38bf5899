import { refuseIfMoved } from './moved.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import type { Database } from './types.js';

export interface DatabaseConfig {
  databaseUrl?: string | undefined;
  dataDir: string;
  poolSize: number;
}

/** PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir`, unless that program moved (moved.ts). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize);
  await refuseIfMoved(config.dataDir);
  return openPglite(config.dataDir);
}
