import { FAULT_HEADER, type FaultKind } from '../../src/index.ts';

/** One request as the client sent it (before any rewrite). */
export interface SentRequest {
  readonly url: string;
  readonly method: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly messages: Record<string, unknown>[]; readonly encryptionKey?: unknown };
}

/** What a tap does to the n-th request (0-based, counting every attempt). */
export interface TapOptions {
  /** Adds `X-Emulator-Fault` to the chosen attempts, so the emulator faults on those only. */
  readonly fault?: (n: number) => FaultKind | undefined;
  /** Changes the body before it leaves: reaches emulator triggers that a valid client never sends. */
  readonly rewriteBody?: (n: number, body: SentRequest['body']) => unknown;
  /** Changes the emulator's answer before the client reads it. */
  readonly rewriteAnswer?: (n: number, response: Response) => Response | Promise<Response>;
}

/** A `fetch` for `createClient` that records what the client sends and forwards it to the emulator. */
export interface Tap {
  readonly fetch: typeof fetch;
  readonly requests: SentRequest[];
  /** Most requests in flight at once. */
  readonly maxOpen: number;
  /** The clientMessageId of every message of every request, in send order. */
  sentIds(): string[];
}

/** Wraps `inner` (the emulator's fetch, or the global one over HTTP). */
export function tapFetch(inner: typeof fetch, options: TapOptions = {}): Tap {
  const requests: SentRequest[] = [];
  let open = 0;
  let maxOpen = 0;
  const tapped: typeof fetch = async (input, init = {}) => {
    const n = requests.length;
    const headers = new Headers(init.headers);
    const text = String(init.body);
    const body = JSON.parse(text) as SentRequest['body'];
    requests.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(headers),
      body,
    });
    const fault = options.fault?.(n);
    if (fault) headers.set(FAULT_HEADER, fault);
    const sent = options.rewriteBody ? JSON.stringify(options.rewriteBody(n, body)) : text;
    open++;
    maxOpen = Math.max(maxOpen, open);
    try {
      const response = await inner(input, { ...init, headers, body: sent });
      return options.rewriteAnswer ? await options.rewriteAnswer(n, response) : response;
    } finally {
      open--;
    }
  };
  return {
    fetch: tapped,
    requests,
    get maxOpen() {
      return maxOpen;
    },
    sentIds: () => requests.flatMap((r) => r.body.messages.map((m) => String(m.clientMessageId))),
  };
}

/** A copy of a JSON answer, changed by `change` (same status and headers): a platform answering otherwise. */
export async function rewriteJson<T extends Record<string, unknown>>(
  response: Response,
  change: (json: T) => unknown,
): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return Response.json(change((await response.json()) as T), { status: response.status, headers });
}
