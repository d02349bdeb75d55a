import { sha256Hex } from '../bytes/sha256-hex.ts';
import { normalizeContentType } from '../catalogs/media-types.ts';
import { oneApiMediaKindOf } from '../catalogs/one-api-media-types.ts';
import { isObject } from '../internal/is-object.ts';
import { ONE_API_LIMITS } from '../limits.ts';
import { normalizeMsisdn } from '../phone/normalize-msisdn.ts';
import { classifyFetchError } from './classify-fetch-error.ts';
import type { ClientConfig } from './client-config.ts';
import { ApiError, ClickwaError, HttpError, UsageError } from './errors.ts';
import { attemptSignal } from './timeout.ts';

/** Options of `uploadMedia`. */
export interface UploadMediaOptions {
  readonly fileName: string;
  /** The file's media type, e.g. `image/jpeg` (One API's list: `ONE_API_MEDIA_TYPES`). */
  readonly contentType: string;
  /** Only this number may be sent the file. */
  readonly to?: string;
  /** Any number may be sent the file (the default is One API's: not stated; give `to` or `broadcast`). */
  readonly broadcast?: boolean;
}

/** A file uploaded to One API: send it with `media(to, { fileId })` within 30 days. */
export interface UploadedMedia {
  readonly fileId: string;
}

/** What One API says of an uploaded file. */
export interface MediaInfo {
  /** When the file can no longer be sent or downloaded, epoch ms. */
  readonly expiresAt: number;
  readonly broadcastAllowed: boolean;
}

/** Options of `downloadMedia`. */
export interface DownloadMediaOptions {
  /** Hex SHA-256 the bytes must have; by default the URL's `sha256Hash`. */
  readonly sha256Hash?: string;
  /** Bytes the file must have (`files[].byteSize` of the callback). */
  readonly byteSize?: number;
  /** Whether to check the hash; false for encrypted media, whose hash is of the clear bytes. Default true. */
  readonly verify?: boolean;
}

/** A downloaded file. */
export interface DownloadedMedia {
  readonly bytes: Uint8Array;
  readonly contentType: string | null;
}

/** A message's status as `GET /v1/message/{id}` reports it: the name only, at the time of its last change. */
export interface MessageStatusReport {
  readonly messageId: string;
  /** `whatsapp` or `sms`; null for a message One API does not know (status `UNKNOWN`). */
  readonly channel: string | null;
  readonly status: string;
  /** Epoch ms. */
  readonly timestamp: number;
}

/** The methods a One API client has beside `send` and `sendAll`. */
export interface OneApiMethods {
  /** Uploads a file (`POST /v1/media`, 30 MB at most) to send by its id. */
  uploadMedia(bytes: Uint8Array, options: UploadMediaOptions): Promise<UploadedMedia>;
  /** `GET /v1/media/{fileId}`. */
  mediaInfo(fileId: string): Promise<MediaInfo>;
  /**
   * Downloads a file (a callback's `files[].downloadUrl`), sending the API key only to the client's own
   * origin, and checks its size and SHA-256.
   */
  downloadMedia(url: string, options?: DownloadMediaOptions): Promise<DownloadedMedia>;
  /** `GET /v1/message/{id}`: the status of a message sent through this integration. */
  getStatus(messageId: string): Promise<MessageStatusReport>;
  /** Tells the user the business read their message (`POST /v1/notification`). */
  markRead(messageId: string): Promise<void>;
}

/**
 * The body of a "mark as read" notification. Not published: the shape follows One API's send body, with the
 * status code its documentation shows for a business read (docs/decisions.md). The one place to correct it.
 */
export const markReadBody = (messageId: string) => ({
  messages: [{ channel: 'whatsapp', messageId, statusCode: 1001 }],
});

/** The error a One API answer names, top-level or for its first message. */
function namedError(json: unknown): { code: number; description: string } | undefined {
  if (!isObject(json)) return undefined;
  const first = Array.isArray(json.messages) ? json.messages[0] : undefined;
  for (const error of [json.error, isObject(first) ? first.error : undefined]) {
    if (isObject(error) && typeof error.code === 'number')
      return { code: error.code, description: String(error.description ?? `Error ${error.code}`) };
  }
  return undefined;
}

/** One request of a One API method: throws the error its failure or its answer stands for. */
async function call(config: ClientConfig, url: string, init: RequestInit = {}): Promise<Response> {
  const timing = attemptSignal(undefined, config.timeoutMs);
  let response: Response;
  try {
    const headers = { ...config.headers, ...(init.headers as Record<string, string> | undefined) };
    response = await timing.guard(
      config.fetch(url, { ...init, headers, signal: timing.signal, redirect: config.redirect }),
    );
    if (response.ok) {
      // The body is read under the same timeout.
      const body = await timing.guard(response.arrayBuffer());
      return new Response(body, { status: response.status, headers: response.headers });
    }
    const text = await timing.guard(response.text()).catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {}
    const named = namedError(json);
    if (named)
      throw ApiError.from(
        { code: named.code, description: config.redact(named.description) },
        response.status,
        'one',
      );
    throw new HttpError(response.status, `The platform refused the request (HTTP ${response.status})`);
  } catch (error) {
    if (error instanceof ClickwaError) throw error;
    throw classifyFetchError(error, {
      callerAborted: false,
      timedOut: timing.timedOut(),
      timeoutMs: config.timeoutMs,
      redact: config.redact,
    }).error;
  } finally {
    timing.release();
  }
}

const readJson = async (response: Response): Promise<Record<string, unknown>> => {
  const json: unknown = await response.json().catch(() => undefined);
  if (!isObject(json))
    throw new HttpError(response.status, 'The answer is not the JSON object One API sends');
  return json;
};

/** The One API methods of a client made with `api: 'one'`. */
export function oneApiMethods(config: ClientConfig): OneApiMethods {
  const at = (path: string) => `${config.baseUrl}${path}`;
  const origin = new URL(config.baseUrl).origin;
  return {
    async uploadMedia(bytes, { fileName, contentType, to, broadcast }) {
      if (!(bytes instanceof Uint8Array)) throw new UsageError('uploadMedia takes the file as a Uint8Array');
      if (bytes.length > ONE_API_LIMITS.maxUploadBytes)
        throw new UsageError(
          `The file is ${bytes.length} bytes; One API takes ${ONE_API_LIMITS.maxUploadBytes} at most`,
        );
      if (typeof fileName !== 'string' || fileName.trim() === '')
        throw new UsageError('uploadMedia needs { fileName }');
      const type = typeof contentType === 'string' ? normalizeContentType(contentType) : '';
      if (!oneApiMediaKindOf(type))
        throw new UsageError(`contentType "${String(contentType)}" is not a media type`);
      const query = new URLSearchParams({ fileName });
      if (to !== undefined) {
        const number = normalizeMsisdn(to);
        if (!number.success) throw new UsageError(`to: ${number.issues[0]?.message}`);
        query.set('to', number.output);
      }
      if (broadcast) query.set('broadcastAllowed', 'true');
      const response = await call(config, at(`/v1/media?${query}`), {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: bytes as Uint8Array<ArrayBuffer>,
      });
      const json = await readJson(response);
      const result = isObject(json.result) ? json.result : json;
      if (typeof result.fileId !== 'string' || result.fileId === '')
        throw new HttpError(response.status, 'The upload was answered without a fileId');
      return { fileId: result.fileId };
    },

    async mediaInfo(fileId) {
      const json = await readJson(await call(config, at(`/v1/media/${encodeURIComponent(fileId)}`)));
      const expiration = Number(json.expirationTime);
      // Documented in ms elsewhere, shown in seconds in the example: a number below 10^12 is seconds.
      return {
        expiresAt: expiration < 1e12 ? expiration * 1000 : expiration,
        broadcastAllowed: json.broadcastAllowed === true,
      };
    },

    async downloadMedia(url, options = {}) {
      let target: URL;
      try {
        target = new URL(url, config.baseUrl);
      } catch {
        throw new UsageError(`"${url}" is not a URL`);
      }
      // The key goes only where the client sends messages: a forged callback cannot have it sent elsewhere.
      if (target.origin !== origin)
        throw new UsageError(
          `downloadMedia only fetches from ${origin}, the client's baseUrl; not from ${target.origin}`,
        );
      const response = await call(config, target.href);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const { byteSize, verify = true } = options;
      if (byteSize !== undefined && bytes.length !== byteSize)
        throw new ClickwaError(
          'integrity',
          `The file is ${bytes.length} bytes; the callback said ${byteSize}`,
        );
      const expected = options.sha256Hash ?? target.searchParams.get('sha256Hash');
      if (verify && expected && (await sha256Hex(bytes)) !== expected.toLowerCase())
        throw new ClickwaError('integrity', 'The file does not have the SHA-256 the callback gave');
      return { bytes, contentType: response.headers.get('content-type') };
    },

    async getStatus(messageId) {
      const json = await readJson(await call(config, at(`/v1/message/${encodeURIComponent(messageId)}`)));
      for (const channel of ['whatsapp', 'sms']) {
        const entry = json[channel];
        if (isObject(entry) && typeof entry.status === 'string')
          return {
            messageId,
            channel,
            status: entry.status,
            timestamp: Number(entry.timestamp) || Date.now(),
          };
      }
      // A message One API does not know is answered without a channel.
      return { messageId, channel: null, status: 'UNKNOWN', timestamp: Date.now() };
    },

    async markRead(messageId) {
      const response = await call(config, at('/v1/notification'), {
        method: 'POST',
        body: JSON.stringify(markReadBody(messageId)),
      });
      // 207: the notification went, but the platform refused it for this message.
      const named = namedError(await response.json().catch(() => undefined));
      if (named) throw ApiError.from(named, response.status, 'one');
    },
  };
}
