import { connect, createServer, type Socket } from 'node:net';

/**
 * A loopback relay to a PostgreSQL server that can stop passing bytes while it
 * keeps its sockets open and accepts new ones: a stopped machine or a cut
 * network, as Puente sees it, for tests of a host that hangs.
 */

export interface Relay {
  port: number;
  /**
   * Puente's connections stay open and get no answer, new ones are accepted and get none either.
   * The relay's own connections to PostgreSQL end, so what the frozen host had not committed is
   * rolled back there, as it would be missing on a promoted standby.
   */
  freeze(): void;
  close(): Promise<void>;
}

export async function relayTo(host: string, port: number): Promise<Relay> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const upstream = new Set<Socket>();
  const keep = (socket: Socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((inbound) => {
    keep(inbound);
    if (frozen) return;
    const outbound = connect(port, host);
    keep(outbound);
    upstream.add(outbound);
    inbound.on('data', (chunk) => frozen || outbound.write(chunk));
    outbound.on('data', (chunk) => frozen || inbound.write(chunk));
    inbound.on('end', () => frozen || outbound.end());
    outbound.on('end', () => frozen || inbound.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the relay has no port');
  return {
    port: address.port,
    freeze: () => {
      frozen = true;
      for (const socket of upstream) socket.destroy();
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
