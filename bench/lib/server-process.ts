import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  url: string;
  /** Milliseconds from spawning `puente start` to the first 200 from /api/health. */
  healthyAfterMs: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built server as a child process, the way `npm start` does on a built tree. */
export async function startBuiltServer(
  env: Record<string, string>,
  args: string[] = [],
): Promise<ServerProcess> {
  if (!existsSync(cli)) throw new Error('The server is not built: run `npm run build` first.');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'start', ...args], {
    // One process unless a scenario asks for more: on PostgreSQL the default would be one per core, and
    // the figures of the other scenarios (CPU of `child.pid`, RSS) are those of one server process.
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      PUENTE_WORKERS: '1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Kept so a server that will not start says why (a smoke run in CI has nothing else to show).
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${stderr}`);
    if (performance.now() - started > 120_000) {
      await stop();
      throw new Error('the server was not healthy within 120 s');
    }
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { url, healthyAfterMs: performance.now() - started, child, stop };
    await new Promise((r) => setTimeout(r, 20));
  }
}
