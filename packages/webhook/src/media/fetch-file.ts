import { answerFailure, type DownloadFailure } from './download-rules.ts';

/** What one request for a file came to: its bytes, or the failure (a row of `DOWNLOAD_RULES`). */
export type FetchedFile =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly failure: DownloadFailure; readonly detail: string };

/** Options of `fetchFile`. */
export interface FetchFileOptions {
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
  readonly timeoutMs: number;
  /** Bytes of the answer at most; more is `body-too-large`, read no further. */
  readonly maxBytes: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** One API's error code in an answer's body, when it names one (`{ error: { code } }`). */
async function apiCodeOf(response: Response): Promise<number | undefined> {
  try {
    const json: unknown = JSON.parse((await response.text()).slice(0, 65_536));
    const error = isObject(json) ? json.error : undefined;
    return isObject(error) && typeof error.code === 'number' ? error.code : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a body up to `maxBytes`; undefined when it has more (the rest is not read). */
async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Fetches a file with the integration's key, as the core's One API client sends it (`Authorization: <key>`).
 * Redirects are not followed (the key must not travel on), the whole request including the body has
 * `timeoutMs`, and the body is read only up to `maxBytes`.
 */
export async function fetchFile(
  url: string,
  apiKey: string,
  options: FetchFileOptions,
): Promise<FetchedFile> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await options.fetch(url, {
      headers: { Authorization: apiKey },
      redirect: 'manual',
      signal,
    });
    if (response.status < 200 || response.status > 299) {
      const failure = answerFailure(response.status, await apiCodeOf(response));
      return { ok: false, failure, detail: `HTTP ${response.status}` };
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel().catch(() => {});
      return { ok: false, failure: 'body-too-large', detail: `content-length ${declared}` };
    }
    const bytes = response.body ? await readBounded(response.body, options.maxBytes) : new Uint8Array();
    if (!bytes) return { ok: false, failure: 'body-too-large', detail: `over ${options.maxBytes} bytes` };
    return { ok: true, bytes };
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return {
      ok: false,
      failure: 'network',
      detail: signal.aborted ? `no answer in ${options.timeoutMs} ms` : why,
    };
  }
}
