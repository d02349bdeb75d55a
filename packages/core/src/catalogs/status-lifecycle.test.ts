import { describe, expect, it } from 'vitest';
import { getMessageStatus, MESSAGE_STATUSES } from './message-statuses.ts';
import { ONE_API_STATUSES, ONE_API_UNNUMBERED_STATUSES } from './one-api-statuses.ts';
import { STATUS_LIFECYCLES } from './status-lifecycle.ts';

describe('lifecycle', () => {
  it('reads the legacy statuses as the same stages as One API', () => {
    const stages = (codes: number[]) => codes.map((code) => getMessageStatus(code).lifecycle);
    expect(stages([1, 2, 1001, 1002, 3, 4, 27, 1006])).toEqual([
      'unknown',
      'queued',
      'queued',
      'queued',
      'sent',
      'delivered',
      'read',
      'sent',
    ]);
    for (const code of [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 60, 61, 1004, 1005, 2000, 2001]) {
      expect(getMessageStatus(code)).toMatchObject({ lifecycle: 'failed', failed: true });
      expect(getMessageStatus(code).retryable).toBe(code === 1004 || code === 1005);
    }
    expect(getMessageStatus(4242).lifecycle).toBe('unknown');
  });

  it('puts EMULATED in `sent` and reads `failed` exactly where the catalogs say failed, in both APIs', () => {
    expect(getMessageStatus(1006).lifecycle).toBe(getMessageStatus(24, 'one').lifecycle);
    const all = [
      ...Object.values(MESSAGE_STATUSES),
      ...Object.values(ONE_API_STATUSES),
      ...Object.values(ONE_API_UNNUMBERED_STATUSES),
    ];
    for (const entry of all) {
      expect(STATUS_LIFECYCLES).toContain(entry.lifecycle);
      expect(entry.lifecycle === 'failed').toBe(entry.failed);
    }
  });
});
