/**
 * The platform's validation errors (spec section 8). Every one comes back with HTTP 202 except 7 (IP lockdown,
 * HTTP 401). `scope: 'request'` codes reject the whole request; `'message'` codes reject one message of it.
 * Only 901 is documented as retryable ("Internal error - please retry"); 900 is not.
 */
export const API_ERRORS = {
  1: {
    code: 1,
    httpStatus: 202,
    description: 'Invalid or missing Integration API Key',
    retryable: false,
    scope: 'request',
  },
  2: {
    code: 2,
    httpStatus: 202,
    description: 'Integration is not active',
    retryable: false,
    scope: 'request',
  },
  3: { code: 3, httpStatus: 202, description: 'Account is not active', retryable: false, scope: 'request' },
  7: { code: 7, httpStatus: 401, description: 'IP lockdown violation', retryable: false, scope: 'request' },
  100: {
    code: 100,
    httpStatus: 202,
    description: 'Empty message content',
    retryable: false,
    scope: 'message',
  },
  101: {
    code: 101,
    httpStatus: 202,
    description: 'Message content is too long',
    retryable: false,
    scope: 'message',
  },
  102: {
    code: 102,
    httpStatus: 202,
    description: 'Empty receivers list',
    retryable: false,
    scope: 'request',
  },
  103: {
    code: 103,
    httpStatus: 202,
    description: 'Content type for media file is not supported',
    retryable: false,
    scope: 'message',
  },
  104: {
    code: 104,
    httpStatus: 202,
    description: 'WhatsApp media file is too big',
    retryable: false,
    scope: 'message',
  },
  105: {
    code: 105,
    httpStatus: 202,
    description: 'Request contains media files more than 20Mb in total',
    retryable: false,
    scope: 'request',
  },
  106: { code: 106, httpStatus: 202, description: 'HSM is incorrect', retryable: false, scope: 'message' },
  109: {
    code: 109,
    httpStatus: 202,
    description: 'IP lockdown violation. Requests from %s is forbidden according to settings',
    retryable: false,
    scope: 'request',
  },
  150: {
    code: 150,
    httpStatus: 202,
    description: 'Invalid country code found for the input phone: %s',
    retryable: false,
    scope: 'message',
  },
  151: {
    code: 151,
    httpStatus: 202,
    description: 'Too long input phone: %s',
    retryable: false,
    scope: 'message',
  },
  152: {
    code: 152,
    httpStatus: 202,
    description: 'Too short input phone: %s',
    retryable: false,
    scope: 'message',
  },
  153: { code: 153, httpStatus: 202, description: 'Too many MSISDNs', retryable: false, scope: 'request' },
  158: {
    code: 158,
    httpStatus: 202,
    description: 'Invalid destination address',
    retryable: false,
    scope: 'message',
  },
  159: {
    code: 159,
    httpStatus: 202,
    description: 'Number %s is not approved WhatsApp number',
    retryable: false,
    scope: 'message',
  },
  160: {
    code: 160,
    httpStatus: 202,
    description: 'Sandbox number without WhatsApp',
    retryable: false,
    scope: 'message',
  },
  161: {
    code: 161,
    httpStatus: 202,
    description: 'Resource does not exist',
    retryable: false,
    scope: 'message',
  },
  900: { code: 900, httpStatus: 202, description: 'Internal error', retryable: false, scope: 'request' },
  901: {
    code: 901,
    httpStatus: 202,
    description: 'Internal error - please retry',
    retryable: true,
    scope: 'request',
  },
} as const;

/** A documented error code. */
export type ApiErrorCode = keyof typeof API_ERRORS;

/** One entry of the catalog. */
export interface ApiErrorInfo {
  readonly code: number;
  readonly httpStatus: number;
  readonly description: string;
  readonly retryable: boolean;
  readonly scope: 'request' | 'message';
  /** Set when the code is not in the spec's table. */
  readonly unknown?: true;
}

/** Whether `code` is one of the spec's documented error codes. */
export function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === 'number' && Object.hasOwn(API_ERRORS, code);
}

/**
 * The catalog entry for `code`. An undocumented code gets a generic entry (`unknown: true`, not retryable)
 * instead of an exception, since the platform may add codes.
 *
 * @example getApiError(901).retryable // true
 */
export function getApiError(code: number): ApiErrorInfo {
  if (isApiErrorCode(code)) return API_ERRORS[code];
  return {
    code,
    httpStatus: 202,
    description: `Unknown error ${code}`,
    retryable: false,
    scope: 'message',
    unknown: true,
  };
}

/**
 * The description of `code` with the spec's `%s` placeholder filled (109: the IP; 150, 151, 152, 159: the phone).
 *
 * @example formatApiError(159, '27999000001') // 'Number 27999000001 is not approved WhatsApp number'
 */
export function formatApiError(code: number, value?: string | number): string {
  const { description } = getApiError(code);
  return value === undefined ? description.replace(' %s', '') : description.replace('%s', String(value));
}

// Description -> code, for answers that carry only the text. `%s` descriptions match on their fixed prefix.
let byPrefix: (readonly [string, number])[] | undefined;

/**
 * The code of the catalog entry a description belongs to, for answers that carry only the text, or null.
 * A `%s` description matches on its fixed prefix; the longest matching prefix wins.
 *
 * @example findApiErrorCode('Too short input phone: 2799') // 152
 * @example findApiErrorCode('Something new') // null
 */
export function findApiErrorCode(description: string): number | null {
  byPrefix ??= Object.values(API_ERRORS).map((e) => [e.description.split('%s')[0]!, e.code] as const);
  let best: readonly [string, number] | undefined;
  for (const entry of byPrefix) {
    if (description.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best ? best[1] : null;
}
