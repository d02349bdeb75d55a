import { createServer } from 'node:net';

/** A loopback port free at the time of asking: for a gateway whose URL the emulator needs before it starts. */
export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
