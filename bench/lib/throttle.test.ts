import { connect, createServer, type Server } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { throttlingProxy } from './throttle.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** Holds the event loop, as the in-process server does while it builds a page. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
}

it('delivers every byte in the order it was sent, even while the event loop is busy', async () => {
  // Big and small chunks in turn, and a phone whose every read holds the event
  // loop: a small chunk read late in a busy loop iteration used to be timed
  // from the iteration's stale clock and overtake the big one before it.
  const sent: Buffer[] = [];
  for (let i = 0; i < 60; i++) sent.push(Buffer.alloc(i % 2 ? 20 : 8000, i % 251));
  const upstream = createServer((socket) => {
    let i = 0;
    const next = () => {
      const chunk = sent[i++];
      if (!chunk) return socket.end();
      socket.write(chunk);
      setTimeout(next, 15);
    };
    next();
  });
  servers.push(upstream);
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  const address = upstream.address();
  const proxy = await throttlingProxy(typeof address === 'object' && address ? address.port : 0, {
    bytesPerSecond: 200_000,
    rttMs: 20,
  });
  try {
    const received = await new Promise<Buffer>((resolve, reject) => {
      const phone = connect(proxy.port, '127.0.0.1');
      const parts: Buffer[] = [];
      phone.on('data', (d: Buffer) => {
        parts.push(d);
        busy(60);
      });
      phone.on('end', () => resolve(Buffer.concat(parts)));
      phone.on('error', reject);
    });
    const expected = Buffer.concat(sent);
    expect(received.length).toBe(expected.length);
    expect(received.equals(expected)).toBe(true);
    expect(proxy.bytes().down).toBe(expected.length);
  } finally {
    await proxy.close();
  }
});
