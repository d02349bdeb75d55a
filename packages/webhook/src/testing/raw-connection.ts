import { connect, type Socket } from 'node:net';

/** One HTTP answer read off a raw socket; `status` null when the connection closed or timed out first. */
export interface RawAnswer {
  readonly status: number | null;
  readonly body: string;
  readonly timedOut: boolean;
  readonly closed: boolean;
}

/** A piece of a raw request: bytes to write, or a pause (to stall the body). */
export type RawPart = Uint8Array | { readonly pauseMs: number };

/** A raw HTTP/1.1 connection: writes any bytes (lying lengths, broken chunking, stalls), reads answers. */
export interface RawConnection {
  write(parts: readonly RawPart[]): Promise<void>;
  /** The next answer on the connection, or why none came within `timeoutMs`. */
  read(timeoutMs: number): Promise<RawAnswer>;
  close(): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HEAD_END = encoder.encode('\r\n\r\n');

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** The end of a chunked body starting at `start` and its decoded bytes, or null while incomplete. */
function dechunk(buffer: Uint8Array, start: number): { end: number; body: Uint8Array } | null {
  const pieces: Uint8Array[] = [];
  let at = start;
  for (;;) {
    const lineEnd = indexOf(buffer, HEAD_END.subarray(0, 2), at);
    if (lineEnd < 0) return null;
    const size = Number.parseInt(decoder.decode(buffer.subarray(at, lineEnd)), 16);
    at = lineEnd + 2;
    if (size === 0) {
      const end = indexOf(buffer, HEAD_END.subarray(0, 2), at);
      return end < 0 ? null : { end: end + 2, body: concat(pieces) };
    }
    if (buffer.length < at + size + 2) return null;
    pieces.push(buffer.subarray(at, at + size));
    at += size + 2;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.length;
  }
  return all;
}

/** Parses one complete answer at the start of `buffer`: its status, body and length, or null while partial. */
function parseAnswer(buffer: Uint8Array): { status: number; body: string; length: number } | null {
  const headEnd = indexOf(buffer, HEAD_END);
  if (headEnd < 0) return null;
  const head = decoder.decode(buffer.subarray(0, headEnd));
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const bodyStart = headEnd + 4;
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const chunked = dechunk(buffer, bodyStart);
    return chunked && { status, body: decoder.decode(chunked.body), length: chunked.end };
  }
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
  if (buffer.length < bodyStart + length) return null;
  return {
    status,
    body: decoder.decode(buffer.subarray(bodyStart, bodyStart + length)),
    length: bodyStart + length,
  };
}

/**
 * Opens a raw connection to the host and port of `baseUrl` (plain HTTP). Used where `fetch` cannot go: a
 * `Content-Length` that promises more or less than is sent, hand-made chunking, a body that stops halfway,
 * several requests on one connection.
 *
 * @example
 * const c = await openRawConnection('http://127.0.0.1:8787');
 * await c.write([encoder.encode('POST /clickatell/status HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{')]);
 * const answer = await c.read(15_000); // 408 once the body stalled
 */
export function openRawConnection(baseUrl: string): Promise<RawConnection> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: url.hostname, port: Number(url.port || 80) });
    let buffer: Uint8Array = new Uint8Array(0);
    let closed = false;
    let wake: (() => void) | undefined;
    socket.on('data', (data: Uint8Array) => {
      buffer = concat([buffer, data]);
      wake?.();
    });
    socket.on('close', () => {
      closed = true;
      wake?.();
    });
    socket.on('error', () => {
      closed = true;
      wake?.();
    });
    socket.once('connect', () =>
      resolve({
        async write(parts) {
          for (const part of parts) {
            if (closed) return;
            if (part instanceof Uint8Array) {
              await new Promise<void>((done) => socket.write(part, () => done()));
            } else {
              await new Promise((done) => setTimeout(done, part.pauseMs));
            }
          }
        },
        async read(timeoutMs) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const answer = parseAnswer(buffer);
            if (answer) {
              buffer = buffer.subarray(answer.length);
              return { status: answer.status, body: answer.body, timedOut: false, closed: false };
            }
            const left = deadline - Date.now();
            if (closed || left <= 0) return { status: null, body: '', timedOut: !closed, closed };
            await new Promise<void>((done) => {
              const timer = setTimeout(done, left);
              wake = () => {
                clearTimeout(timer);
                done();
              };
            });
            wake = undefined;
          }
        },
        close() {
          socket.destroy();
        },
      }),
    );
    socket.once('error', reject);
  });
}
