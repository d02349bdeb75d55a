import { type ClickatellApi, isNewerStatus, type StatusPoint } from '@clickwa/core';
import { prng, shuffle } from '../contract/fixtures.ts';

/** One status callback of a storm. */
export interface StormCallback {
  /** The API whose callback it is; legacy when absent. */
  readonly api?: ClickatellApi;
  readonly messageId: string;
  readonly statusCode: number;
  readonly timestamp: number;
}

const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 2000, 2001];
// One API's: 27 is VOLUME_LIMIT_DAILY there (READ is 6).
const ONE_API_FAILURES = [20, 21, 23, 26, 27, 28, 60, 81, 130, 141];

/** The key the gateway stores a status callback under. */
export const stormKey = (c: StormCallback): string => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;

/**
 * A storm of `distinct` status callbacks (message lives of up to four statuses, one in ten ending in a
 * failure), with `duplicateShare` of them sent again, shuffled. Ids carry `tag`, so runs never meet. With
 * `oneApi`, every other message is a One API message (its own codes: 2, 4, 5, 6).
 */
export function statusStorm(
  distinct: number,
  duplicateShare: number,
  seed: number,
  tag: string,
  oneApi = false,
) {
  const random = prng(seed);
  const callbacks: StormCallback[] = [];
  for (let m = 0; callbacks.length < distinct; m++) {
    const messageId = `${tag}${m.toString(16).padStart(7, '0')}`;
    const one = oneApi && m % 2 === 1;
    const failures = one ? ONE_API_FAILURES : FAILURES;
    const life = one ? [2, 4, 5, 6] : [2, 3, 4, 27];
    const codes =
      m % 10 < 2 ? [...life.slice(0, 2), failures[Math.floor(random() * failures.length)]!] : life;
    for (const [step, statusCode] of codes.entries()) {
      if (callbacks.length < distinct)
        callbacks.push({
          ...(one ? { api: 'one' as const } : {}),
          messageId,
          statusCode,
          timestamp: 1_760_000_000_000 + m + step * 60_000,
        });
    }
  }
  const sends = shuffle([...callbacks, ...callbacks.filter(() => random() < duplicateShare)], random);
  return { callbacks, sends };
}

/** The current status of each message by the core's rule: the fold of `isNewerStatus` over its callbacks. */
export function foldStatuses(callbacks: readonly StormCallback[]): Map<string, StatusPoint> {
  const current = new Map<string, StatusPoint>();
  for (const c of callbacks) {
    const incoming = { code: c.statusCode, timestamp: c.timestamp, api: c.api ?? 'wa' };
    if (isNewerStatus(current.get(c.messageId) ?? null, incoming)) current.set(c.messageId, incoming);
  }
  return current;
}
