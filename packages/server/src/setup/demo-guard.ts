import type { Database } from '../db/types.js';
import { DEMO_ORG } from './demo.js';

/** `--demo` on a database that holds a real program: refused, said plainly. */
export class DemoRefused extends Error {}

/**
 * The demo's accounts have a published password, so the demo goes only into
 * a database that holds nothing but the demo: refused when any other
 * organization is there.
 */
export async function refuseUnlessDemoOnly(db: Database): Promise<void> {
  const [row] = await db.query<{ n: number }>(
    'select count(*)::int as n from organization where name <> $1',
    [DEMO_ORG],
  );
  const others = row?.n ?? 0;
  if (others > 0) {
    throw new DemoRefused(
      `This database holds a program's own data (${others} organization${others === 1 ? '' : 's'} besides the demo). ` +
        'The demo adds accounts whose password is published, so --demo is refused here. ' +
        'Use an empty database for the demo: another DATA_DIR, or another DATABASE_URL.',
    );
  }
}
