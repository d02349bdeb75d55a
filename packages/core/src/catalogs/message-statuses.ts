import type { ClickatellApi } from '../api.ts';
import { getOneApiStatus, type OneApiStatusInfo } from './one-api-statuses.ts';
import type { StatusLifecycle } from './status-lifecycle.ts';

/**
 * Message statuses of the status callback (spec 7.2.2, plus 60/61 from Clickatell's newer tables).
 * `final`: a message's life ends there (READ, EMULATED, every failure). `failed`: the message did not reach
 * the recipient. `retryable`: the same message sent again may be delivered (the volume limits 1004, 1005).
 * `lifecycle`: the stage shared with One API (`StatusLifecycle`). `rank` orders statuses for out-of-order callbacks (see `statusRank`): UNKNOWN 0, QUEUED 1,
 * DELIVERED_TO_GATEWAY 2, every failure 3, RECEIVED_BY_RECIPIENT 4, READ and EMULATED 5.
 */
export const MESSAGE_STATUSES = {
  1001: {
    code: 1001,
    status: 'QUEUED',
    detail: 'Message accepted by MC2',
    final: false,
    lifecycle: 'queued',
    failed: false,
    retryable: false,
    rank: 1,
  },
  1002: {
    code: 1002,
    status: 'QUEUED',
    detail: 'Message accepted by MC2',
    final: false,
    lifecycle: 'queued',
    failed: false,
    retryable: false,
    rank: 1,
  },
  1004: {
    code: 1004,
    status: 'VOLUME_LIMIT_EXCEED',
    detail: 'MONTHLY_QUOTA_EXCEED',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: true,
    rank: 3,
  },
  1005: {
    code: 1005,
    status: 'VOLUME_LIMIT_EXCEED',
    detail: 'DAILY_QUOTA_EXCEED',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: true,
    rank: 3,
  },
  1006: {
    code: 1006,
    status: 'EMULATED',
    detail: 'EMULATED',
    final: true,
    lifecycle: 'sent',
    failed: false,
    retryable: false,
    rank: 5,
  },
  1: {
    code: 1,
    status: 'UNKNOWN',
    detail: 'Unknown status',
    final: false,
    lifecycle: 'unknown',
    failed: false,
    retryable: false,
    rank: 0,
  },
  2: {
    code: 2,
    status: 'QUEUED',
    detail: 'Message is queued for delivery',
    final: false,
    lifecycle: 'queued',
    failed: false,
    retryable: false,
    rank: 1,
  },
  3: {
    code: 3,
    status: 'DELIVERED_TO_GATEWAY',
    detail: 'Message has been submitted to WhatsApp server (one checkmark on handset).',
    final: false,
    lifecycle: 'sent',
    failed: false,
    retryable: false,
    rank: 2,
  },
  4: {
    code: 4,
    status: 'RECEIVED_BY_RECIPIENT',
    detail: 'Message delivered to recipient (two checkmarks).',
    final: false,
    lifecycle: 'delivered',
    failed: false,
    retryable: false,
    rank: 4,
  },
  27: {
    code: 27,
    status: 'READ',
    detail: 'Message read by recipient (two blue checkmarks).',
    final: true,
    lifecycle: 'read',
    failed: false,
    retryable: false,
    rank: 5,
  },
  7: {
    code: 7,
    status: 'ERROR_DELIVERING',
    detail: 'Message failed to send.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  9: {
    code: 9,
    status: 'ERROR_DELIVERING',
    detail: 'WhatsApp accepted the message, but could not deliver the message.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  28: {
    code: 28,
    status: 'UNKNOWN_USER',
    detail: 'The MSISDN is not on the WhatsApp network.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  30: {
    code: 30,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Media not found.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  31: {
    code: 31,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Media size error.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  32: {
    code: 32,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Media checksum failure.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  33: {
    code: 33,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'The media file upload was rejected by the WhatsApp network.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  34: {
    code: 34,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Metadata for the media file was not found or does not match the message request.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  40: {
    code: 40,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Security access denied.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  41: {
    code: 41,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Invalid content.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  60: {
    code: 60,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Encryption access denied.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  61: {
    code: 61,
    status: 'ERROR_WITH_MESSAGE',
    detail: 'Encryption content error.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  2000: {
    code: 2000,
    status: 'ERROR_DELIVERING',
    detail: 'Upload of media file is failed.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
  2001: {
    code: 2001,
    status: 'EXPIRED',
    detail: 'Upload of media file is expired.',
    final: true,
    lifecycle: 'failed',
    failed: true,
    retryable: false,
    rank: 3,
  },
} as const;

/** A documented status code. */
export type MessageStatusCode = keyof typeof MESSAGE_STATUSES;

/** A status name the platform documents. */
export type MessageStatusName = (typeof MESSAGE_STATUSES)[MessageStatusCode]['status'];

/** What `getMessageStatus` returns: a catalog entry, or an `unknown` one for codes the catalog lacks. */
export interface MessageStatusInfo {
  readonly code: number;
  readonly status: MessageStatusName | 'UNKNOWN';
  readonly detail?: string;
  readonly lifecycle: StatusLifecycle;
  readonly final: boolean;
  readonly failed: boolean;
  readonly retryable: boolean;
  readonly unknown?: true;
}

/** Whether `code` is a documented status code. */
export function isMessageStatusCode(code: unknown): code is MessageStatusCode {
  return typeof code === 'number' && Object.hasOwn(MESSAGE_STATUSES, code);
}

/**
 * The catalog entry for a status code of `api` (the legacy API unless told): codes collide between the APIs
 * (4, 27...). New codes may appear at any time, so an unknown one is described (`status: 'UNKNOWN',
 * unknown: true, lifecycle: 'unknown'`), never thrown at.
 *
 * @example getMessageStatus(27).status // 'READ'
 * @example getMessageStatus(27, 'one').status // 'VOLUME_LIMIT_DAILY'
 */
export function getMessageStatus(code: number, api?: 'wa'): MessageStatusInfo;
export function getMessageStatus(code: number, api: 'one'): OneApiStatusInfo;
export function getMessageStatus(code: number, api?: ClickatellApi): MessageStatusInfo | OneApiStatusInfo;
export function getMessageStatus(
  code: number,
  api: ClickatellApi = 'wa',
): MessageStatusInfo | OneApiStatusInfo {
  if (api === 'one') return getOneApiStatus(code);
  if (isMessageStatusCode(code)) return MESSAGE_STATUSES[code];
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
