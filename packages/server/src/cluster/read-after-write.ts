import type { DatabaseEvents } from '../db/open.js';
import { recordReplicaRead } from '../features/metrics/registry.js';
import type { Logger } from '../log.js';
import { isMessage, type ToWorker, WORKER_ENV } from './messages.js';

type Wrote = Extract<ToWorker, { type: 'puente:wrote' }>;

/**
 * What the read replica tells the server (db/replica.ts): a replica going down
 * or coming back is logged once each time, where each read went is counted in
 * /metrics, and with several workers a user's last write is told to the
 * others, so a write answered by one worker and a read answered by another
 * still never go back in time.
 */
export function replicaEvents(log: Logger): DatabaseEvents {
  const inCluster = process.env[WORKER_ENV] !== undefined && typeof process.send === 'function';
  return {
    changed(state, reason) {
      if (state === 'down') log.warn({ reason }, 'read replica unreachable: reading from the primary');
      else log.info('read replica answers again: reading from it');
    },
    routed: recordReplicaRead,
    ...(inCluster
      ? {
          tell(userId, lsn) {
            process.send?.({ type: 'puente:wrote', userId, lsn } satisfies Wrote);
          },
          listen(heard) {
            process.on('message', (message: unknown) => {
              if (isMessage<Wrote>(message, 'puente:wrote')) heard(message.userId, message.lsn);
            });
          },
        }
      : {}),
  };
}
