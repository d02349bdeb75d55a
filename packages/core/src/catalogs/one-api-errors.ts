/**
 * One API's errors (Clickatell's One API errors table), each with the HTTP status it comes with and where it
 * may appear: `global` (the top-level `error`: the whole request was refused) and/or `message` (one entry of
 * `messages[]`). Codes collide with the legacy catalog (`API_ERRORS`), so the two are separate lookups.
 * - `failed`: the platform did not take the message. Not for 18 (HTTP 500): it may follow acceptance.
 * - `retryable`: the same request may be sent again, unchanged, by the client itself: 19 ("please retry") and
 *   43 (`throttle`: rate limited, sent as HTTP 400, to retry after a pause). 18 is never resent.
 * - `final`: sending the same request again fails the same way (everything but 18, 19 and 43). An account
 *   problem (2, 3, 20, 46) is final until a person fixes it.
 * 29 and 34-37 are reserved (no HTTP status, no level); 4-6 and 8-17 are not in the table.
 */
export const ONE_API_ERRORS = {
  1: {
    code: 1,
    httpStatus: 401,
    description: 'Invalid or missing integration API Key',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  2: {
    code: 2,
    httpStatus: 400,
    description: 'Account is not active',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  3: {
    code: 3,
    httpStatus: 400,
    description: 'Integration is not active',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  7: {
    code: 7,
    httpStatus: 401,
    description: 'Originating IP address is not approved in your account',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  18: {
    code: 18,
    httpStatus: 500,
    description: 'Internal error',
    levels: ['global', 'message'],
    final: false,
    failed: false,
    retryable: false,
  },
  19: {
    code: 19,
    httpStatus: 503,
    description: 'Internal error, please retry',
    levels: ['global', 'message'],
    final: false,
    failed: true,
    retryable: true,
  },
  20: {
    code: 20,
    httpStatus: 402,
    description: 'Insufficient account balance',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  21: {
    code: 21,
    httpStatus: 400,
    description: 'Payload data is malformed',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  22: {
    code: 22,
    httpStatus: 400,
    description: 'Maximum messages per request payload exceeded',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  23: {
    code: 23,
    httpStatus: 400,
    description: 'Invalid or missing parameter: %s',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  24: {
    code: 24,
    httpStatus: 400,
    description: 'Maximum message content size exceeded',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  25: {
    code: 25,
    httpStatus: 400,
    description: 'Invalid recipient address: %s',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  26: {
    code: 26,
    httpStatus: 400,
    description: 'Recipient opted out',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  27: {
    code: 27,
    httpStatus: 400,
    description: 'Recipient not available on channel',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  28: {
    code: 28,
    httpStatus: 400,
    description: 'Recipient not available on sandbox',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  29: {
    code: 29,
    httpStatus: null,
    description: 'Reserved',
    levels: [],
    final: true,
    failed: true,
    retryable: false,
  },
  30: {
    code: 30,
    httpStatus: 400,
    description: 'Content type not supported',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  31: {
    code: 31,
    httpStatus: 400,
    description: 'Media file size exceeds limit of %s MB',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  32: {
    code: 32,
    httpStatus: 400,
    description: 'Media payload size exceeds limit of %s MB',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  33: {
    code: 33,
    httpStatus: 400,
    description: 'Media item not found',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  34: {
    code: 34,
    httpStatus: null,
    description: 'Reserved',
    levels: [],
    final: true,
    failed: true,
    retryable: false,
  },
  35: {
    code: 35,
    httpStatus: null,
    description: 'Reserved',
    levels: [],
    final: true,
    failed: true,
    retryable: false,
  },
  36: {
    code: 36,
    httpStatus: null,
    description: 'Reserved',
    levels: [],
    final: true,
    failed: true,
    retryable: false,
  },
  37: {
    code: 37,
    httpStatus: null,
    description: 'Reserved',
    levels: [],
    final: true,
    failed: true,
    retryable: false,
  },
  38: {
    code: 38,
    httpStatus: 400,
    description: 'Channel/feature is not active on integration',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  39: {
    code: 39,
    httpStatus: 400,
    description: 'Channel is not available on integration',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  40: {
    code: 40,
    httpStatus: 400,
    description: 'Character set is not supported: %s',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  41: {
    code: 41,
    httpStatus: 400,
    description: 'Resource does not exist',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  42: {
    code: 42,
    httpStatus: 400,
    description: 'HTTP method is not supported on this resource',
    levels: ['global'],
    final: true,
    failed: true,
    retryable: false,
  },
  43: {
    code: 43,
    httpStatus: 400,
    description: 'Rate limit',
    levels: ['global', 'message'],
    final: false,
    failed: true,
    retryable: true,
    throttle: true,
  },
  44: {
    code: 44,
    httpStatus: 400,
    description: 'FROM number is suspended',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  45: {
    code: 45,
    httpStatus: 400,
    description: 'FROM number is not related to integration',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  46: {
    code: 46,
    httpStatus: 400,
    description: 'Demo access has expired',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  100: {
    code: 100,
    httpStatus: 400,
    description: 'Maximum message parts exceeded',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  101: {
    code: 101,
    httpStatus: 400,
    description: 'Destination does not support two-way messaging',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  110: {
    code: 110,
    httpStatus: 400,
    description: 'USA country limit: must use two-way integration',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
  111: {
    code: 111,
    httpStatus: 400,
    description: 'USA country limit: must enable STOP/SUBSCRIBE commands on integration',
    levels: ['message'],
    final: true,
    failed: true,
    retryable: false,
  },
} as const;

/** A documented One API error code. */
export type OneApiErrorCode = keyof typeof ONE_API_ERRORS;

/** Where a One API error appears in a send response. */
export type OneApiErrorLevel = 'global' | 'message';

/** One entry of One API's error catalog, or an `unknown` one for codes the catalog lacks. */
export interface OneApiErrorInfo {
  readonly code: number;
  /** The HTTP status the error comes with; null for reserved codes. */
  readonly httpStatus: number | null;
  readonly description: string;
  readonly levels: readonly OneApiErrorLevel[];
  readonly final: boolean;
  readonly failed: boolean;
  readonly retryable: boolean;
  /** Set on 43 "Rate limit": a throttle, whatever its HTTP status. */
  readonly throttle?: true;
  readonly unknown?: true;
}

/** Whether `code` is a documented One API error code. */
export function isOneApiErrorCode(code: unknown): code is OneApiErrorCode {
  return typeof code === 'number' && Object.hasOwn(ONE_API_ERRORS, code);
}

/**
 * The One API catalog entry for an error code. An undocumented code gets a generic entry (`unknown: true`,
 * failed, final, not retryable) instead of an exception. The legacy catalog stays `getApiError`, so a legacy
 * client carries none of this table.
 *
 * @example getOneApiError(43).throttle // true
 */
export function getOneApiError(code: number): OneApiErrorInfo {
  if (isOneApiErrorCode(code)) return ONE_API_ERRORS[code];
  return {
    code,
    httpStatus: null,
    description: `Unknown error ${code}`,
    levels: [],
    final: true,
    failed: true,
    retryable: false,
    unknown: true,
  };
}

/**
 * The description of `code` with the table's placeholder filled (23: the parameter; 25: the number; 31, 32:
 * the size in MB; 40: the charset). Without a value a trailing placeholder is dropped and a size reads `xx`,
 * as the table writes it.
 *
 * @example formatOneApiError(23, 'to') // 'Invalid or missing parameter: to'
 */
export function formatOneApiError(code: number, value?: string | number): string {
  const { description } = getOneApiError(code);
  if (value === undefined) return description.replace(/: %s$/, '').replace('%s', 'xx');
  return description.replace('%s', String(value));
}
