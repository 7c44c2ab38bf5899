import type { Database } from '../db/types.js';
import type { FirstStartMade } from './announce.js';
import { loadDemo } from './demo.js';
import { refuseUnlessDemoOnly } from './demo-guard.js';
import { ensureFirstAdmin } from './first-start.js';

/**
 * What `puente start` makes once before serving: the first admin, or the demo
 * into a database that holds only the demo. One process runs it, also with
 * several workers (the cluster's short-lived setup process).
 */
export async function prepareFirstStart(db: Database, options: { demo: boolean }): Promise<FirstStartMade> {
  // The demo brings its own admin; a real program's first admin is not made beside it.
  if (options.demo) {
    await refuseUnlessDemoOnly(db);
    return { demo: await loadDemo(db) };
  }
  return { admin: await ensureFirstAdmin(db) };
}
