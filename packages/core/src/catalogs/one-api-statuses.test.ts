import { describe, expect, it } from 'vitest';
import { getMessageStatus } from './message-statuses.ts';
import {
  findOneApiStatus,
  getOneApiStatus,
  isOneApiStatusCode,
  ONE_API_STATUSES,
  ONE_API_UNNUMBERED_STATUSES,
} from './one-api-statuses.ts';

// Every numbered status of One API's status table, with its name.
const TABLE: readonly (readonly [number, string])[] = [
  [1, 'UNKNOWN'],
  [2, 'QUEUED'],
  [3, 'SCHEDULED'],
  [4, 'SENT_TO_SUPPLIER'],
  [5, 'DEVICE_ACK'],
  [6, 'READ'],
  [20, 'EXPIRED'],
  [21, 'STOPPED_BY_USER'],
  [22, 'STOPPED_BY_ADMIN'],
  [23, 'DELIVERY_FAILURE'],
  [24, 'EMULATED'],
  [25, 'INSUFFICIENT_ACCOUNT_BALANCE'],
  [26, 'VOLUME_LIMIT'],
  [27, 'VOLUME_LIMIT_DAILY'],
  [28, 'VOLUME_LIMIT_MONTHLY'],
  [29, 'RECIPIENT_DOES_NOT_EXIST'],
  [60, 'ENCRYPTION_ACCESS_DENIED'],
  [61, 'ENCRYPTION_CONTENT_ERROR'],
  [80, 'MEDIA_NOT_FOUND'],
  [81, 'MEDIA_SIZE_ERROR'],
  [82, 'MEDIA_CHECKSUM_FAILURE'],
  [83, 'MEDIA_REJECTED_BY_SUPPLIER'],
  [84, 'MEDIA_METADATA_ERROR'],
  [85, 'MEDIA_ACCESS_ERROR'],
  [100, 'ROUTING_ERROR'],
  [130, 'WHATSAPP_ACCOUNT_PAYMENT_ISSUE'],
  [131, 'WHATSAPP_RE_ENGAGEMENT_REQUIRED'],
  [132, 'WHATSAPP_SPAM_RATE_LIMIT_REACHED'],
  [133, 'WHATSAPP_SERVER_RATE_LIMIT'],
  [139, 'WHATSAPP_EXPERIMENTAL_NUMBER'],
  [140, 'WHATSAPP_TEMPLATE_TEXT_TOO_LONG'],
  [141, 'WHATSAPP_TEMPLATE_FORMAT_MISMATCH'],
];

const UNNUMBERED = [
  'STOP_MARKETING_MESSAGES',
  'EXCESSIVE_MESSAGES_TO_RECIPIENT',
  'ENCRYPTION_VALIDATION_ERROR',
  'ANONYMOUS_USER_ID_INVALID',
  'ANONYMOUS_USER_ID_ERROR',
  'MEDIA_TYPE_NOT_SUPPORTED',
  'WHATSAPP_HSM_NOT_AVAILABLE',
  'WHATSAPP_HSM_PARAM_COUNT_MISMATCH',
  'WHATSAPP_HSM_IS_MISSING',
  'WHATSAPP_HSM_DOWNLOAD_FAILED',
  'WHATSAPP_HSM_PACK_IS_MISSING',
  'WHATSAPP_TEMPLATE_FORMATTING_POLICY_VIOLATED',
  'WHATSAPP_TEMPLATE_MEDIA_FORMAT_UNSUPPORTED',
  'WHATSAPP_PARAMETER_MISSING',
  'WHATSAPP_PARAMETER_INVALID',
  'WHATSAPP_PARAMETER_NOT_REQUIRED',
  'WHATSAPP_TEMPLATE_INVALID_URL',
  'WHATSAPP_TEMPLATE_INVALID_PHONE_NUMBER',
  'WHATSAPP_TEMPLATE_RECEIVER_NO_BUTTON_SUPPORT',
];

const RETRYABLE = [20, 25, 26, 27, 28, 130, 132, 133];

describe('ONE_API_STATUSES', () => {
  it('holds every numbered status of the table, and nothing else', () => {
    expect(Object.keys(ONE_API_STATUSES).map(Number)).toEqual(TABLE.map(([code]) => code));
  });

  it.each(TABLE)('status %i is %s, keyed by its own code', (code, name) => {
    expect(getOneApiStatus(code)).toMatchObject({ code, status: name });
    expect(getMessageStatus(code, 'one')).toBe(getOneApiStatus(code));
    expect(isOneApiStatusCode(code)).toBe(true);
    expect(findOneApiStatus(name)).toBe(getOneApiStatus(code));
  });

  it('reads the successful flow as unknown, queued, sent, delivered and read', () => {
    const flow = [1, 2, 3, 4, 5, 6].map((code) => getOneApiStatus(code));
    expect(flow.map((s) => s.lifecycle)).toEqual([
      'unknown',
      'queued',
      'queued',
      'sent',
      'delivered',
      'read',
    ]);
    expect(flow.map((s) => s.final)).toEqual([false, false, false, false, false, true]);
    for (const s of flow) expect(s).toMatchObject({ failed: false, retryable: false });
  });

  it('marks every code from 20 up a final failure, except EMULATED, a final sandbox outcome', () => {
    for (const [code] of TABLE.filter(([c]) => c >= 20 && c !== 24)) {
      expect(getOneApiStatus(code)).toMatchObject({ lifecycle: 'failed', final: true, failed: true });
      expect(getOneApiStatus(code).retryable).toBe(RETRYABLE.includes(code));
    }
    expect(getOneApiStatus(24)).toMatchObject({
      status: 'EMULATED',
      lifecycle: 'sent',
      final: true,
      failed: false,
      retryable: false,
    });
  });

  it('keys the statuses without a number by name, with code null, as failures', () => {
    expect(Object.keys(ONE_API_UNNUMBERED_STATUSES)).toEqual(UNNUMBERED);
    for (const name of UNNUMBERED) {
      expect(findOneApiStatus(name)).toMatchObject({ code: null, status: name, lifecycle: 'failed' });
      expect(findOneApiStatus(name)?.retryable).toBe(name === 'EXCESSIVE_MESSAGES_TO_RECIPIENT');
    }
    expect(findOneApiStatus('NOT_A_STATUS')).toBeUndefined();
  });

  it('gives no number to 134-138 or to anything after 141', () => {
    for (const code of [134, 135, 136, 137, 138, 142, 200]) {
      expect(getOneApiStatus(code)).toEqual({
        code,
        status: 'UNKNOWN',
        unknown: true,
        lifecycle: 'unknown',
        final: false,
        failed: false,
        retryable: false,
      });
      expect(isOneApiStatusCode(code)).toBe(false);
    }
  });

  it('never mixes the catalogs: colliding codes mean different things', () => {
    expect(getMessageStatus(4).status).toBe('RECEIVED_BY_RECIPIENT');
    expect(getMessageStatus(4, 'one').status).toBe('SENT_TO_SUPPLIER');
    expect(getMessageStatus(27)).toMatchObject({ status: 'READ', lifecycle: 'read' });
    expect(getMessageStatus(27, 'wa')).toMatchObject({ status: 'READ', lifecycle: 'read' });
    expect(getMessageStatus(27, 'one')).toMatchObject({ status: 'VOLUME_LIMIT_DAILY', lifecycle: 'failed' });
    expect(getMessageStatus(6).unknown).toBe(true);
    expect(getMessageStatus(6, 'one').status).toBe('READ');
  });
});
