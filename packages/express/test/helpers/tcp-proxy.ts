import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback TCP proxy on a port of its own (port 0), so a test can take Okta "down" and bring a new one
 * "back" at the same URL without ever releasing and re-binding a port another process could take.
 */
export interface TcpProxy {
  /** `http://127.0.0.1:<port>` of the proxy. */
  url: string;
  /** Forwards new connections to `port` on loopback. */
  forwardTo(port: number): void;
  /** Cuts every open connection and refuses new ones (closes them at once) until `forwardTo` again. */
  down(): void;
  close(): Promise<void>;
}

/** Starts the proxy, forwarding to `port`. */
export async function startTcpProxy(port: number): Promise<TcpProxy> {
  let target: number | undefined = port;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    if (target === undefined) {
      client.destroy();
      return;
    }
    const upstream = connect(target, '127.0.0.1');
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    forwardTo(next) {
      target = next;
    },
    down() {
      target = undefined;
      destroyAll();
    },
    close: () =>
      new Promise<void>((resolve) => {
        destroyAll();
        server.close(() => resolve());
      }),
  };
}
