import type { Config } from '../config.js';
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
  let admin: FirstAdmin | undefined;
  let demo: Awaited<ReturnType<typeof loadDemo>> | undefined;
  const server = await startServer(config, log, async (db) => {
    if (options.demo) {
      // The demo brings its own admin; a real program's first admin is not made beside it.
      await refuseUnlessDemoOnly(db);
      demo = await loadDemo(db);
    } else {
      admin = await ensureFirstAdmin(db);
    }
  });
  if (admin) {
    say(
      `\nPuente made its first organization. Sign in at ${server.url} with\n  email:    ${admin.email}\n  password: ${admin.password}\nThis password is shown once and must be changed at the first sign-in.\nLost it? Run \`puente reset-password ${admin.email}\`.\n`,
    );
  }
  if (demo) announceDemo(demo, say);
  say(`Puente is running at ${server.url} (database: ${server.db.kind}). Press Ctrl+C to stop.`);
  return server;
}
