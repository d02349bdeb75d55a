import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { isConnectionReset } from '../connection-reset.ts';
import { createEmulator, type Emulator } from '../create-emulator.ts';
import { EMULATOR_DEFAULTS, type EmulatorOptions } from '../options.ts';
import { createHttpFetch } from './http-fetch.ts';

/** Options of `serveEmulator`: the emulator's, plus where to listen. */
export interface ServeEmulatorOptions extends EmulatorOptions {
  /** Default 8790; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1: loopback only, since the emulator has no real security. */
  readonly hostname?: string;
}

/** An emulator listening on a port. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:8790`. */
  readonly url: string;
  readonly port: number;
  readonly emulator: Emulator;
  readonly server: Server;
  /** Closes the emulator and the server, dropping open connections. */
  close(): Promise<void>;
}

/** The default port of the Node runner. */
export const DEFAULT_PORT = 8790;

/**
 * Serves an emulator over HTTP on Node. Resets happen on the wire: the socket is destroyed, so the client
 * sees ECONNRESET exactly as it would from a real network fault (in-process there is no socket, and
 * `emulator.fetch` rejects instead).
 *
 * @example
 * const running = await serveEmulator({ port: 0, statusCallback: 'http://127.0.0.1:3000/status' });
 * await fetch(`${running.url}/wa/messages`, { method: 'POST', headers: { authorization: 'local-dev-key' }, body });
 * await running.close();
 */
export async function serveEmulator(options: ServeEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = DEFAULT_PORT, hostname = '127.0.0.1', ...emulatorOptions } = options;
  // Callbacks go out through node:http unless the caller chose a fetch: undici's is the bottleneck on Node 20.
  const emulator = createEmulator({
    ...emulatorOptions,
    fetch:
      emulatorOptions.fetch ??
      createHttpFetch({
        maxSockets: emulatorOptions.callbackConcurrency ?? EMULATOR_DEFAULTS.callbackConcurrency,
      }),
  });
  const listener = getRequestListener(async (request, env) => {
    const incoming = (env as { incoming: IncomingMessage }).incoming;
    try {
      return await emulator.fetch(request, { clientIp: incoming.socket.remoteAddress });
    } catch (error) {
      if (!isConnectionReset(error) && !request.signal.aborted) throw error;
      // A reset, or a held request whose client left: the connection ends without an answer. The response
      // returned after the destroy is never written; it only completes the listener's promise.
      incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
  });
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    emulator,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        emulator.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
