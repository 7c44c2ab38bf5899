import { DEMO_PASSWORD } from './demo-password.js';
import type { FirstAdmin } from './first-start.js';

/** What the first start made: plain data, so a cluster's setup process can hand it to the primary to say. */
export interface FirstStartMade {
  admin?: FirstAdmin | undefined;
  demo?: { created: boolean; emails: string[] } | undefined;
}

/** What a demo load says: whether it was made now, and its accounts. */
export function announceDemo(result: { created: boolean; emails: string[] }, say: (line: string) => void) {
  say(result.created ? '\nDemo organization loaded.' : '\nThe demo organization is already here.');
  say(`Demo accounts (password ${DEMO_PASSWORD}):\n${result.emails.map((e) => `  ${e}`).join('\n')}\n`);
}

/** What `puente start` says once the server answers: the first admin's one-time password, or the demo accounts. */
export function announceFirstStart(
  made: FirstStartMade,
  url: string,
  running: string,
  say: (line: string) => void,
): void {
  const { admin, demo } = made;
  if (admin) {
    say(
      `\nPuente made its first organization. Sign in at ${url} with\n  email:    ${admin.email}\n  password: ${admin.password}\nThis password is shown once and must be changed at the first sign-in.\nLost it? Run \`puente reset-password ${admin.email}\`.\n`,
    );
  }
  if (demo) announceDemo(demo, say);
  say(`Puente is running at ${url} (${running}). Press Ctrl+C to stop.`);
}
