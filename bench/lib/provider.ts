import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/** The messages a fake provider took so far, and to how many numbers. */
export interface ProviderCount {
  count: number;
  distinct: number;
}

/** A fake speaking Twilio's Messages API (`fakeTwilio`), in a process of its own started here. */
export async function providerProcess(sid: string, token: string) {
  // It runs TypeScript and the server's sources as the benchmark does (tsx, `source` condition).
  const child = fork(fileURLToPath(new URL('./provider-process.ts', import.meta.url)), [sid, token], {
    execArgv: ['--import', 'tsx', '--conditions=source'],
  });
  const [ready] = (await once(child, 'message')) as [{ url: string }];
  return {
    url: ready.url,
    pid: child.pid,
    /** The messages taken this round (since `newRound`), and to how many numbers. */
    async count(): Promise<ProviderCount> {
      child.send('count');
      const [answer] = (await once(child, 'message')) as [ProviderCount];
      return answer;
    },
    /** Counts from nothing again. */
    async newRound(): Promise<void> {
      child.send('round');
      await once(child, 'message');
    },
    async close() {
      const exited = once(child, 'exit');
      child.send('close');
      await exited;
    },
  };
}
