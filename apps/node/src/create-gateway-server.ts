import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { NodeHandler } from './node-handler.ts';

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';
/** How long, and how much, a closing connection keeps reading what the client still sends. */
const LINGER = { ms: 5_000, bytes: 64 * 1024 * 1024 } as const;

/**
 * A lingering close: closing a socket while the client still sends makes the kernel answer with a reset,
 * which can destroy an answer the client has not read yet (a 413 to an oversized upload). The socket's
 * `destroySoon` (how Node and @hono/node-server close after an answer) sends its FIN after the answer, then
 * reads and drops what still comes, within `LINGER`, before it closes.
 */
function lingerOnClose(socket: Socket & { destroySoon?: () => void }): void {
  socket.destroySoon = () => {
    if (socket.destroyed) return;
    socket.end();
    let bytes = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER.ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (bytes > LINGER.bytes) socket.destroy();
    });
    socket.resume();
  };
}

/**
 * A `node:http` server for the gateway, with a lingering close (above). Bytes past a request's declared length (a client that lies about
 * Content-Length) are a parse error of the next request on the connection; Node's default answer is a 400
 * written at once, ahead of the answer still owed to the request that was read whole. Here that answer goes
 * out first (a 2xx is the gateway's promise that the callback was kept), then the connection is closed.
 */
export function createGatewayServer(handler: NodeHandler): Server {
  const owed = new WeakMap<Socket, ServerResponse>();
  const server = createServer((req, res) => {
    owed.set(req.socket, res);
    handler(req, res);
  });
  server.on('connection', lingerOnClose);
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const res = owed.get(socket);
    if (res && !res.writableFinished && !res.destroyed) {
      res.once('close', () => socket.destroy());
      return;
    }
    if (socket.writable && error.code !== 'ECONNRESET') socket.end(BAD_REQUEST);
    else socket.destroy();
  });
  return server;
}
