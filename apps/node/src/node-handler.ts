import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';

/** A `node:http` request handler: what `http.createServer`, Express's `app.use` and Fastify's raw request take. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Options of `nodeHandler`. */
export interface NodeHandlerOptions {
  /**
   * The path the gateway is mounted under (`/whatsapp`), stripped before routing; a request outside it is
   * answered 404. Leave it out under Express's `app.use('/whatsapp', ...)`, which strips it itself.
   */
  readonly prefix?: string;
}

/**
 * Adapts the gateway's hono app to `(req, res)`. Mount it before any body parser: the gateway reads the raw
 * body itself (caps, stalls, credentials in the body).
 */
export function nodeHandler(app: Hono, options: NodeHandlerOptions = {}): NodeHandler {
  const listener = getRequestListener(app.fetch);
  const prefix = (options.prefix ?? '').replace(/\/+$/, '');
  if (prefix !== '' && !prefix.startsWith('/')) throw new TypeError('prefix must start with "/"');
  return (req, res) => {
    if (prefix !== '') {
      const url = req.url ?? '/';
      const rest = url.slice(prefix.length);
      if (!url.startsWith(prefix) || (rest !== '' && rest[0] !== '/' && rest[0] !== '?')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"No such route"}');
        return;
      }
      req.url = rest === '' || rest[0] === '?' ? `/${rest}` : rest;
    }
    void listener(req, res);
  };
}
