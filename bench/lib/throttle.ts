import { connect, createServer, type Server, type Socket } from 'node:net';

/** A link like a rural phone's: bytes per second each way, and a round trip split across both ways. */
export interface Link {
  bytesPerSecond: number;
  rttMs: number;
}

export interface ThrottlingProxy {
  port: number;
  /** Bytes carried so far: `down` from the server to the phone, `up` the other way. */
  bytes(): { down: number; up: number };
  close(): Promise<void>;
}

/**
 * Paces one direction: every chunk leaves after the previous one has gone
 * through the pipe at the link's rate, and arrives half a round trip later.
 */
function pace(from: Socket, to: Socket, link: Link, count: (n: number) => void): void {
  let pipeFreeAt = 0;
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    const now = performance.now();
    const start = Math.max(now, pipeFreeAt);
    pipeFreeAt = start + (chunk.length / link.bytesPerSecond) * 1000;
    setTimeout(() => to.write(chunk), pipeFreeAt - now + link.rttMs / 2);
  });
  from.on('end', () =>
    setTimeout(() => to.end(), Math.max(0, pipeFreeAt - performance.now()) + link.rttMs / 2),
  );
  from.on('error', () => to.destroy());
}

/** A TCP proxy on loopback in front of `target`, shaping traffic like `link`. */
export function throttlingProxy(target: number, link: Link): Promise<ThrottlingProxy> {
  let down = 0;
  let up = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((phone) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [phone, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    pace(phone, upstream, link, (n) => {
      up += n;
    });
    pace(upstream, phone, link, (n) => {
      down += n;
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : 0,
        bytes: () => ({ down, up }),
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
