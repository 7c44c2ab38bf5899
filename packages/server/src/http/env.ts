import type { Locale, Role } from '@puente/core';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { Logger } from '../log.js';

/** Who is calling: set from a valid session, absent for anonymous requests. */
export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
  locale: Locale;
  sessionHash: string;
}

/** What every request handler can reach through `c.get(...)`. */
export interface AppEnv {
  Variables: {
    db: Database;
    config: Config;
    log: Logger;
    actor: Actor | undefined;
    /** The language of messages sent back: the user's, else the browser's. */
    locale: Locale;
    ip: string;
  };
}
