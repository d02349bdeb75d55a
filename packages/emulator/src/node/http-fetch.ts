import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** Options of `createHttpFetch`. */
export interface HttpFetchOptions {
  /** Sockets kept open per receiver origin. */
  readonly maxSockets?: number;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

function toHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * A `fetch` for callbacks built on `node:http` with keep-alive agents: on Node 20 it posts to a local
 * receiver about five times faster than the global (undici) `fetch`, which is what limits callbacks/s. It
 * covers what the dispatcher uses (a URL, method, headers, a string body, a signal); failures reject like
 * `fetch`, with `TypeError('fetch failed')` and the socket error as `cause`.
 *
 * @example serveEmulator({ fetch: createHttpFetch({ maxSockets: 64 }) })
 */
export function createHttpFetch(options: HttpFetchOptions = {}): typeof fetch {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64 };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  return ((input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = toHeaders(init.headers);
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const { signal } = init;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => req.destroy(signal?.reason as Error);
      const req = send(
        url,
        { method: init.method ?? 'GET', headers, agent: secure ? https : http },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (e) =>
            reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: e })),
          );
          res.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            const status = res.statusCode ?? 500;
            const responseBody = NULL_BODY.has(status) ? null : Buffer.concat(chunks);
            resolve(new Response(responseBody, { status: status < 200 || status > 599 ? 500 : status }));
          });
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: e }));
      });
      req.end(body);
    });
  }) as typeof fetch;
}
