import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { VisitPlan } from './plan.js';

/** The lean handler (server.ts) in a process of its own, as Puente's server runs in its own. */
export async function startLeanServer(databaseUrl: string, poolSize: number, plan: VisitPlan) {
  const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
  });
  child.send({ url: databaseUrl, poolSize, plan });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}
