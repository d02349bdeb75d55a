import type { ClickatellApi } from '../api.ts';
import { normalizeContentType } from '../catalogs/media-types.ts';
import { type OneApiMediaKind, oneApiMediaKindOf } from '../catalogs/one-api-media-types.ts';
import { LIMITS, ONE_API_LIMITS } from '../limits.ts';
import { fail, type Issue, issue, ok, type Result } from '../result.ts';
import type { MediaMessage } from '../schemas/send-request.ts';
import { type MediaOptions, media } from './builders.ts';
import { isClickwaError, ValidationError } from './errors.ts';

/** Options of `mediaFromBytes`. */
export interface MediaFromBytesOptions extends MediaOptions {
  /** The API the message goes to, whose limit applies. Default `wa`, the legacy API (1 MB). */
  readonly api?: ClickatellApi;
}

/**
 * The largest file an API takes inline: for a content type when given, else the largest of any kind (what a
 * reader may check before it reads a file whose type it does not know yet).
 *
 * @example maxMediaBytes('wa') // 1000000
 */
export function maxMediaBytes(api: ClickatellApi = 'wa', contentType?: string): number {
  if (api === 'wa') return LIMITS.maxMediaBytes;
  const limits: Readonly<Record<OneApiMediaKind, number>> = ONE_API_LIMITS.maxInlineMediaBytes;
  const kind = contentType === undefined ? undefined : oneApiMediaKindOf(normalizeContentType(contentType));
  return kind ? limits[kind] : Math.max(...Object.values(limits));
}

/**
 * The issue of a file of `size` bytes too large for the API (for its content type when known, else for any
 * kind), or undefined: the one size rule of `mediaFromBytes`, which a file reader may apply before it reads.
 *
 * @example checkMediaSize(1_500_000) // { code: 104, message: 'The file is 1500000 bytes; media may be at most 1000000 (104)', ... }
 */
export function checkMediaSize(
  size: number,
  api: ClickatellApi = 'wa',
  contentType?: string,
): Issue | undefined {
  const max = maxMediaBytes(api, contentType);
  return size > max
    ? issue(`The file is ${size} bytes; media may be at most ${max} (104)`, { code: 104, path: ['content'] })
    : undefined;
}

/**
 * A media message from a file's bytes, for every runtime: refuses a file over the API's limit before encoding
 * it, reads the type from the bytes when `contentType` is not given (as `media()` does), and checks the limit of
 * that type. Bad input is data: `{ success: false, issues }`, never a throw. Node's `mediaFromFile` and the CLI
 * read files through it.
 *
 * @example
 * const built = mediaFromBytes('27999000001', bytes, { caption: 'Your receipt' });
 * if (built.success) await client.send(built.output);
 */
export function mediaFromBytes(
  to: string,
  bytes: Uint8Array,
  options: MediaFromBytesOptions = {},
): Result<MediaMessage> {
  const { api = 'wa', ...mediaOptions } = options;
  const early = checkMediaSize(bytes.byteLength, api, options.contentType);
  if (early) return fail([early]);
  let message: MediaMessage;
  try {
    message = media(to, bytes, mediaOptions) as MediaMessage;
  } catch (error) {
    if (error instanceof ValidationError) return fail(error.issues);
    if (isClickwaError(error)) return fail([issue(error.description, { path: ['contentType'] })]);
    throw error;
  }
  const late = checkMediaSize(bytes.byteLength, api, message.contentType);
  return late ? fail([late]) : ok(message);
}
