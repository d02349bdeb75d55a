// A small stand-in for Clickatell's POST /wa/messages, for the client tests, until the emulator exists
// (the emulator issue moves these tests onto it and deletes this file). It speaks the spec's answers and
// records what it accepted, so tests can prove that nothing was accepted twice.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatApiError, getApiError } from '../src/catalogs/api-errors.ts';
import type { SendResponseBody } from '../src/parse-send-response.ts';

/** What the fake does with one request. Without a script, every request is `ok`. */
export type Behaviour =
  /** Accept every valid message (HTTP 202), answering in reverse order: the spec does not promise any order. */
  | { readonly kind: 'ok' }
  /** A whole-request error in a 202 (1, 2, 3, 105, 900, 901...); nothing accepted. */
  | { readonly kind: 'request-error'; readonly code: number; readonly status?: number }
  /** Any status and body; nothing accepted. */
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: string;
      readonly headers?: Record<string, string>;
    }
  /** Accept the messages, then answer 500 with an HTML page (a crash after acceptance). */
  | { readonly kind: 'accept-then-500' }
  /** Accept the messages, then destroy the socket without answering (a reset after sending). */
  | { readonly kind: 'accept-then-reset' }
  /** Accept the messages and never answer. */
  | { readonly kind: 'accept-then-hang' };

/** One request as the fake received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: { messages: Record<string, unknown>[]; encryptionKey?: string };
  readonly bytes: number;
  readonly behaviour: Behaviour['kind'];
}

/** A message the fake accepted. */
export interface AcceptedMessage {
  readonly messageId: string;
  readonly clientMessageId: string | null;
  readonly to: string;
}

export interface FakePlatform {
  /** Base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  readonly accepted: AcceptedMessage[];
  /** Numbers that get 159 (not an approved WhatsApp number) per message. */
  readonly unapproved: Set<string>;
  /** Queues behaviours for the next requests, in arrival order. */
  script(...behaviours: Behaviour[]): void;
  /** Most requests the fake had open at once. */
  readonly maxOpen: number;
  close(): Promise<void>;
}

export interface FakePlatformOptions {
  /** The key `Authorization` must carry; any other gets code 1. */
  readonly apiKey?: string;
  /** Listen on this port (0: any free one). */
  readonly port?: number;
}

const newId = () => randomBytes(16).toString('hex');

function wire(code: number | null, description?: string): { error: string | null; errorCode: number | null } {
  return code === null
    ? { error: null, errorCode: null }
    : { error: description ?? getApiError(code).description, errorCode: code };
}

/** Starts the fake on 127.0.0.1. */
export async function startFakePlatform(options: FakePlatformOptions = {}): Promise<FakePlatform> {
  const apiKey = options.apiKey ?? 'test-api-key-0123456789abcdef';
  const queue: Behaviour[] = [];
  const requests: ReceivedRequest[] = [];
  const accepted: AcceptedMessage[] = [];
  const unapproved = new Set<string>();
  let open = 0;
  let maxOpen = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  function acceptAll(messages: Record<string, unknown>[]): SendResponseBody['messages'] {
    return messages.map((m) => {
      const to = String(m.to);
      const clientMessageId = typeof m.clientMessageId === 'string' ? m.clientMessageId : null;
      if (unapproved.has(to)) {
        return {
          messageId: null,
          clientMessageId,
          accepted: false,
          to,
          ...wire(159, formatApiError(159, to)),
        };
      }
      const messageId = newId();
      accepted.push({ messageId, clientMessageId, to });
      return { messageId, clientMessageId, accepted: true, to, ...wire(null) };
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const behaviour = queue.shift() ?? { kind: 'ok' };
    let body: ReceivedRequest['body'];
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return json(res, 400, { error: 'Malformed JSON', errorCode: null, messages: [] });
    }
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      bytes: raw.length,
      behaviour: behaviour.kind,
    });
    if (req.method !== 'POST' || req.url !== '/wa/messages') return json(res, 404, { error: 'Not found' });
    if (req.headers.authorization !== apiKey) return json(res, 202, { ...wire(1), messages: [] });
    const messages = Array.isArray(body.messages) ? body.messages : [];
    switch (behaviour.kind) {
      case 'ok':
        return json(res, 202, {
          ...wire(null),
          messages: acceptAll(messages).reverse(),
        } satisfies SendResponseBody);
      case 'request-error':
        return json(res, behaviour.status ?? getApiError(behaviour.code).httpStatus, {
          ...wire(behaviour.code),
          messages: [],
        });
      case 'status':
        res.writeHead(behaviour.status, behaviour.headers ?? {}).end(behaviour.body ?? '');
        return;
      case 'accept-then-500':
        acceptAll(messages);
        res
          .writeHead(500, { 'content-type': 'text/html' })
          .end('<html><body>Internal Server Error</body></html>');
        return;
      case 'accept-then-reset':
        acceptAll(messages);
        req.socket.destroy();
        return;
      case 'accept-then-hang':
        acceptAll(messages);
        return;
    }
  }

  const server = createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => open--);
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    accepted,
    unapproved,
    script: (...behaviours) => void queue.push(...behaviours),
    get maxOpen() {
      return maxOpen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
