import cluster from 'node:cluster';
import type { FirstStartMade } from '../setup/announce.js';
import {
  ClusterStartError,
  isMessage,
  SETUP_WORKER,
  type ToPrimary,
  type ToWorker,
  WORKER_ENV,
} from './messages.js';

/** The primary's side of the setup process (setup-worker.ts), forked beside the workers. */
export interface SetupProcess {
  /** Settles once the database is migrated; rejects with why the setup process failed. */
  migrated: Promise<void>;
  /** Asks it to make the first admin or the demo; settles with what it made, once it has ended. */
  prepare(): Promise<FirstStartMade>;
  /** Ends it, if a start fails elsewhere. */
  kill(): void;
}

/** Forks the setup process: the only process of the cluster that migrates and makes the first start. */
export function forkSetup(): SetupProcess {
  const child = cluster.fork({ [WORKER_ENV]: SETUP_WORKER });
  let made: FirstStartMade | undefined;
  let failure: string | undefined;
  const ended = new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (made && code === 0) resolve();
      else
        reject(
          new ClusterStartError(failure ?? `the setup process stopped (${signal ?? `exit code ${code}`})`),
        );
    });
  });
  // Seen by whoever awaits it; this keeps an early end from being an unhandled rejection meanwhile.
  ended.catch(() => {});
  const migrated = new Promise<void>((resolve, reject) => {
    ended.catch(reject);
    child.on('message', (message: unknown) => {
      if (isMessage<ToPrimary>(message, 'puente:migrated')) resolve();
      else if (isMessage<Extract<ToPrimary, { type: 'puente:failed' }>>(message, 'puente:failed'))
        failure = message.message;
      else if (isMessage<Extract<ToPrimary, { type: 'puente:prepared' }>>(message, 'puente:prepared'))
        made = message.made;
    });
  });
  return {
    migrated,
    async prepare() {
      if (child.isConnected()) child.send({ type: 'puente:prepare' } satisfies ToWorker);
      await ended;
      return made ?? {};
    },
    kill() {
      if (!child.isDead()) child.process.kill('SIGKILL');
    },
  };
}
