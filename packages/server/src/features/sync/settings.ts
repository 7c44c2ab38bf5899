import { z } from 'zod';

/**
 * The sync setting, spread into the one list of environment variables in
 * config.ts (which writes `.env.example` and the README table from it).
 */
export const syncEnv = {
  // A phone's first sync of 50,000 records costs the server about half a second of CPU and PostgreSQL as
  // much: on 2 cores shared with PostgreSQL, two at once put others' p95 at 2.3-3.4 times its figure
  // without them, one at once at 0.8 (initial-syncs benchmark, M, quiet). Each HTTP worker has its own.
  SYNC_INITIAL_PULLS_AT_ONCE: z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(1000, { message: 'must be at most 1000' })
    .default(1)
    .meta({
      description:
        'phones an HTTP process brings their whole caseload to at once (a first sync, or many people newly given); the others are told to come back in 5–15 s (503 with Retry-After) while changes, pushes and every other request go ahead. Raise it when phones are on slow links and the CPU is idle',
    }),
};
