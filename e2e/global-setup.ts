import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './harness.js';

/**
 * Makes one embedded database with every migration applied, which each browser test's
 * server starts from a copy of (harness `startServer`). Made with the built server's
 * own `migrate` command, so it is exactly what a first start would make.
 */
export default async function setup() {
  const cli = join(repoRoot, 'packages/server/dist/cli.js');
  if (process.env.DATABASE_URL || !existsSync(cli)) return;
  const folder = await mkdtemp(join(tmpdir(), 'puente-e2e-template-'));
  const dataDir = join(folder, 'data');
  execFileSync(process.execPath, [cli, 'migrate'], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  process.env.PUENTE_E2E_TEMPLATE = dataDir;
  return () => rm(folder, { recursive: true, force: true });
}
