import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { NodeHandler } from './node-handler.ts';

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * A `node:http` server for the gateway. Bytes past a request's declared length (a client that lies about
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
