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
 * Chunks wait in one queue drained by one timer, so they arrive in the order
 * they were sent: a timer per chunk can fire out of order when the event loop
 * is busy (Node times each timer from the loop's cached clock), which once
 * delivered the start of one response after part of its body.
 */
function pace(from: Socket, to: Socket, link: Link, count: (n: number) => void): void {
  const queue: { due: number; chunk: Buffer | null }[] = [];
  let pipeFreeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const drain = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && (queue[0]?.due ?? 0) <= now) {
      const { chunk } = queue.shift() ?? { chunk: null };
      if (chunk) to.write(chunk);
      else to.end();
    }
    schedule();
  };
  const schedule = () => {
    const next = queue[0];
    if (next && !timer) timer = setTimeout(drain, Math.max(0, next.due - performance.now()));
  };
  const send = (chunk: Buffer | null) => {
    const now = performance.now();
    const start = Math.max(now, pipeFreeAt);
    pipeFreeAt = start + ((chunk?.length ?? 0) / link.bytesPerSecond) * 1000;
    queue.push({ due: pipeFreeAt + link.rttMs / 2, chunk });
    schedule();
  };
  from.on('data', (chunk: Buffer) => {
    count(chunk.length);
    send(chunk);
  });
  from.on('end', () => send(null));
  from.on('error', () => {
    if (timer) clearTimeout(timer);
    queue.length = 0;
    to.destroy();
  });
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
