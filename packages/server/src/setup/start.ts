import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { Logger } from '../log.js';
import { type RunningServer, startServer } from '../server.js';
import { DEMO_PASSWORD, loadDemo } from './demo.js';
import { refuseUnlessDemoOnly } from './demo-guard.js';
import { ensureFirstAdmin, type FirstAdmin } from './first-start.js';

/** What a demo load says: whether it was made now, and its accounts. */
export function announceDemo(result: { created: boolean; emails: string[] }, say: (line: string) => void) {
  say(result.created ? '\nDemo organization loaded.' : '\nThe demo organization is already here.');
  say(`Demo accounts (password ${DEMO_PASSWORD}):\n${result.emails.map((e) => `  ${e}`).join('\n')}\n`);
}

/**
 * What `puente start` makes once before serving (the first admin, or the
 * demo into a database that holds only the demo) and what it says once the
 * server answers. One process runs both, also with several workers (cluster/).
 */
export function firstStart(options: { demo: boolean }) {
  let admin: FirstAdmin | undefined;
  let demo: Awaited<ReturnType<typeof loadDemo>> | undefined;
  return {
    async prepare(db: Database): Promise<void> {
      if (options.demo) {
        // The demo brings its own admin; a real program's first admin is not made beside it.
        await refuseUnlessDemoOnly(db);
        demo = await loadDemo(db);
      } else {
        admin = await ensureFirstAdmin(db);
      }
    },
    announce(url: string, running: string, say: (line: string) => void): void {
      if (admin) {
        say(
          `\nPuente made its first organization. Sign in at ${url} with\n  email:    ${admin.email}\n  password: ${admin.password}\nThis password is shown once and must be changed at the first sign-in.\nLost it? Run \`puente reset-password ${admin.email}\`.\n`,
        );
      }
      if (demo) announceDemo(demo, say);
      say(`Puente is running at ${url} (${running}). Press Ctrl+C to stop.`);
    },
  };
}

/**
 * `puente start [--demo]`: takes the port first, then makes the first admin
 * (or loads the demo, into a database that holds only the demo), and prints
 * the one-time password only once the server answers. A start that fails
 * leaves nothing made and prints no password.
 */
export async function startPuente(
  config: Config,
  log: Logger,
  options: { demo: boolean },
  say: (line: string) => void,
): Promise<RunningServer> {
  const first = firstStart(options);
  const server = await startServer(config, log, first.prepare);
  first.announce(server.url, `database: ${server.db.kind}`, say);
  return server;
}
