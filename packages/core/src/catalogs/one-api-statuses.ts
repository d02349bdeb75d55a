import type { StatusLifecycle } from './status-lifecycle.ts';

/**
 * One API's message statuses (Clickatell's One API status table; the callbacks carry both `statusCode` and
 * `status`). Codes collide with the legacy catalog (4, 27...), so the two are never mixed: pick one with
 * `getMessageStatus(code, 'one')`. No source says which statuses are final; the table's grouping does: 1-6 are
 * the successful flow (READ ends it), 20 and above are failures, EMULATED (24) is the sandbox's outcome.
 * `retryable`: the same message sent again may be delivered (a limit, a balance or a rate, not the message or
 * the recipient, caused the failure). `rank` orders statuses for out-of-order callbacks (see `statusRank`):
 * UNKNOWN 0, QUEUED and SCHEDULED 1, SENT_TO_SUPPLIER 2, every failure 3, DEVICE_ACK 4, READ and EMULATED 5.
 */
export const ONE_API_STATUSES = {
  1: {
    code: 1,
    status: 'UNKNOWN',
    detail: 'Message not found',
    lifecycle: 'unknown',
    final: false,
    failed: false,
    retryable: false,
    rank: 0,
  },
  2: {
    code: 2,
    status: 'QUEUED',
    detail: 'Queued',
    lifecycle: 'queued',
    final: false,
    failed: false,
    retryable: false,
    rank: 1,
  },
  3: {
    code: 3,
    status: 'SCHEDULED',
    detail: 'Scheduled for later delivery',
    lifecycle: 'queued',
    final: false,
    failed: false,
    retryable: false,
    rank: 1,
  },
  4: {
    code: 4,
    status: 'SENT_TO_SUPPLIER',
    detail: 'Sent to supplier (for WhatsApp, Meta)',
    lifecycle: 'sent',
    final: false,
    failed: false,
    retryable: false,
    rank: 2,
  },
  5: {
    code: 5,
    status: 'DEVICE_ACK',
    detail: 'Device acknowledged delivery (two grey ticks)',
    lifecycle: 'delivered',
    final: false,
    failed: false,
    retryable: false,
    rank: 4,
  },
  6: {
    code: 6,
    status: 'READ',
    detail: 'Read receipt (two blue ticks)',
    lifecycle: 'read',
    final: true,
    failed: false,
    retryable: false,
    rank: 5,
  },
  20: {
    code: 20,
    status: 'EXPIRED',
    detail: 'Message has expired',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  21: {
    code: 21,
    status: 'STOPPED_BY_USER',
    detail: 'Message stopped by user',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  22: {
    code: 22,
    status: 'STOPPED_BY_ADMIN',
    detail: 'Message stopped by admin',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  23: {
    code: 23,
    status: 'DELIVERY_FAILURE',
    detail: 'Error delivering message',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  24: {
    code: 24,
    status: 'EMULATED',
    detail: 'Emulated (sandbox, not a registered test phone)',
    lifecycle: 'sent',
    final: true,
    failed: false,
    retryable: false,
    rank: 5,
  },
  25: {
    code: 25,
    status: 'INSUFFICIENT_ACCOUNT_BALANCE',
    detail: 'Insufficient account balance',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  26: {
    code: 26,
    status: 'VOLUME_LIMIT',
    detail: 'Volume limit exceeded',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  27: {
    code: 27,
    status: 'VOLUME_LIMIT_DAILY',
    detail: 'Daily volume limit exceeded',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  28: {
    code: 28,
    status: 'VOLUME_LIMIT_MONTHLY',
    detail: 'Monthly volume limit exceeded',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  29: {
    code: 29,
    status: 'RECIPIENT_DOES_NOT_EXIST',
    detail: 'Recipient does not exist on the channel',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  60: {
    code: 60,
    status: 'ENCRYPTION_ACCESS_DENIED',
    detail: 'Security access denied',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  61: {
    code: 61,
    status: 'ENCRYPTION_CONTENT_ERROR',
    detail: 'Content decryption failed',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  80: {
    code: 80,
    status: 'MEDIA_NOT_FOUND',
    detail: 'Media not found',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  81: {
    code: 81,
    status: 'MEDIA_SIZE_ERROR',
    detail: 'Media size error',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  82: {
    code: 82,
    status: 'MEDIA_CHECKSUM_FAILURE',
    detail: 'Media checksum failure',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  83: {
    code: 83,
    status: 'MEDIA_REJECTED_BY_SUPPLIER',
    detail: 'Channel supplier rejected media file',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  84: {
    code: 84,
    status: 'MEDIA_METADATA_ERROR',
    detail: 'Metadata for the media file not found or does not match the message request',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  85: {
    code: 85,
    status: 'MEDIA_ACCESS_ERROR',
    detail: 'Access/permissions error handling the media file',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  100: {
    code: 100,
    status: 'ROUTING_ERROR',
    detail: 'Routing error',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  130: {
    code: 130,
    status: 'WHATSAPP_ACCOUNT_PAYMENT_ISSUE',
    detail: 'WhatsApp account payment issue',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  131: {
    code: 131,
    status: 'WHATSAPP_RE_ENGAGEMENT_REQUIRED',
    detail: 'Re-engagement required',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  132: {
    code: 132,
    status: 'WHATSAPP_SPAM_RATE_LIMIT_REACHED',
    detail: 'Spam rate limit reached',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  133: {
    code: 133,
    status: 'WHATSAPP_SERVER_RATE_LIMIT',
    detail: 'WhatsApp server rate limit',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  139: {
    code: 139,
    status: 'WHATSAPP_EXPERIMENTAL_NUMBER',
    detail: 'Non-delivery due to the WhatsApp experimental number feature',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  140: {
    code: 140,
    status: 'WHATSAPP_TEMPLATE_TEXT_TOO_LONG',
    detail: 'Length of parameters plus template text exceeds the maximum',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  141: {
    code: 141,
    status: 'WHATSAPP_TEMPLATE_FORMAT_MISMATCH',
    detail: 'Specified template header format not in the expected format',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
} as const;

/**
 * Statuses One API names (in its OpenAPI enum or in client libraries) without a number any source shows. They
 * are keyed by name with `code: null`, so a callback that carries one of these names with a code this catalog
 * lacks can still be read (`findOneApiStatus`). All are failures. WHATSAPP_HSM_NOT_AVAILABLE had 134 in the
 * 2019 table only; the current table skips 134-138, so no number is given to any of them.
 */
export const ONE_API_UNNUMBERED_STATUSES = {
  STOP_MARKETING_MESSAGES: {
    code: null,
    status: 'STOP_MARKETING_MESSAGES',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  EXCESSIVE_MESSAGES_TO_RECIPIENT: {
    code: null,
    status: 'EXCESSIVE_MESSAGES_TO_RECIPIENT',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: true,
    rank: 3,
  },
  ENCRYPTION_VALIDATION_ERROR: {
    code: null,
    status: 'ENCRYPTION_VALIDATION_ERROR',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  ANONYMOUS_USER_ID_INVALID: {
    code: null,
    status: 'ANONYMOUS_USER_ID_INVALID',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  ANONYMOUS_USER_ID_ERROR: {
    code: null,
    status: 'ANONYMOUS_USER_ID_ERROR',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  MEDIA_TYPE_NOT_SUPPORTED: {
    code: null,
    status: 'MEDIA_TYPE_NOT_SUPPORTED',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_HSM_NOT_AVAILABLE: {
    code: null,
    status: 'WHATSAPP_HSM_NOT_AVAILABLE',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_HSM_PARAM_COUNT_MISMATCH: {
    code: null,
    status: 'WHATSAPP_HSM_PARAM_COUNT_MISMATCH',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_HSM_IS_MISSING: {
    code: null,
    status: 'WHATSAPP_HSM_IS_MISSING',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_HSM_DOWNLOAD_FAILED: {
    code: null,
    status: 'WHATSAPP_HSM_DOWNLOAD_FAILED',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_HSM_PACK_IS_MISSING: {
    code: null,
    status: 'WHATSAPP_HSM_PACK_IS_MISSING',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_TEMPLATE_FORMATTING_POLICY_VIOLATED: {
    code: null,
    status: 'WHATSAPP_TEMPLATE_FORMATTING_POLICY_VIOLATED',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_TEMPLATE_MEDIA_FORMAT_UNSUPPORTED: {
    code: null,
    status: 'WHATSAPP_TEMPLATE_MEDIA_FORMAT_UNSUPPORTED',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_PARAMETER_MISSING: {
    code: null,
    status: 'WHATSAPP_PARAMETER_MISSING',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_PARAMETER_INVALID: {
    code: null,
    status: 'WHATSAPP_PARAMETER_INVALID',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_PARAMETER_NOT_REQUIRED: {
    code: null,
    status: 'WHATSAPP_PARAMETER_NOT_REQUIRED',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_TEMPLATE_INVALID_URL: {
    code: null,
    status: 'WHATSAPP_TEMPLATE_INVALID_URL',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_TEMPLATE_INVALID_PHONE_NUMBER: {
    code: null,
    status: 'WHATSAPP_TEMPLATE_INVALID_PHONE_NUMBER',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
  WHATSAPP_TEMPLATE_RECEIVER_NO_BUTTON_SUPPORT: {
    code: null,
    status: 'WHATSAPP_TEMPLATE_RECEIVER_NO_BUTTON_SUPPORT',
    lifecycle: 'failed',
    final: true,
    failed: true,
    retryable: false,
    rank: 3,
  },
} as const;

/** A numbered One API status code. */
export type OneApiStatusCode = keyof typeof ONE_API_STATUSES;

/** A status name One API documents, numbered or not. */
export type OneApiStatusName =
  | (typeof ONE_API_STATUSES)[OneApiStatusCode]['status']
  | keyof typeof ONE_API_UNNUMBERED_STATUSES;

/** A One API catalog entry, or an `unknown` one for codes the catalog lacks. `code` is null for a name-only entry. */
export interface OneApiStatusInfo {
  readonly code: number | null;
  readonly status: OneApiStatusName;
  readonly detail?: string;
  readonly lifecycle: StatusLifecycle;
  readonly final: boolean;
  readonly failed: boolean;
  readonly retryable: boolean;
  readonly unknown?: true;
}

/** Whether `code` is a numbered One API status. */
export function isOneApiStatusCode(code: unknown): code is OneApiStatusCode {
  return typeof code === 'number' && Object.hasOwn(ONE_API_STATUSES, code);
}

/**
 * The One API catalog entry for a status code; an unknown code is described (`status: 'UNKNOWN',
 * unknown: true, lifecycle: 'unknown'`), never thrown at. `getMessageStatus(code, 'one')` is the same lookup.
 *
 * @example getOneApiStatus(5).lifecycle // 'delivered'
 */
export function getOneApiStatus(code: number): OneApiStatusInfo {
  if (isOneApiStatusCode(code)) return ONE_API_STATUSES[code];
  return {
    code,
    status: 'UNKNOWN',
    unknown: true,
    lifecycle: 'unknown',
    final: false,
    failed: false,
    retryable: false,
  };
}

/**
 * The One API catalog entry a status name belongs to (numbered or not), or undefined. For a callback whose
 * `statusCode` the catalog lacks but whose `status` it knows.
 *
 * @example findOneApiStatus('WHATSAPP_PARAMETER_MISSING')?.failed // true
 */
export function findOneApiStatus(name: string): OneApiStatusInfo | undefined {
  byName ??= new Map(
    [...Object.values(ONE_API_STATUSES), ...Object.values(ONE_API_UNNUMBERED_STATUSES)].map((e) => [
      e.status,
      e,
    ]),
  );
  return byName.get(name);
}

let byName: Map<string, OneApiStatusInfo> | undefined;
