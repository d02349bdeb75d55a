import { isNewerStatus, type StatusPoint } from '@clickwa/core';
import { prng, shuffle } from '../contract/fixtures.ts';

/** One status callback of a storm. */
export interface StormCallback {
  readonly messageId: string;
  readonly statusCode: number;
  readonly timestamp: number;
}

const FAILURES = [7, 9, 28, 30, 31, 32, 33, 34, 40, 41, 2000, 2001];

/** The key the gateway stores a status callback under. */
export const stormKey = (c: StormCallback): string => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;

/**
 * A storm of `distinct` status callbacks (message lives of up to four statuses, one in ten ending in a
 * failure), with `duplicateShare` of them sent again, shuffled. Ids carry `tag`, so runs never meet.
 */
export function statusStorm(distinct: number, duplicateShare: number, seed: number, tag: string) {
  const random = prng(seed);
  const callbacks: StormCallback[] = [];
  for (let m = 0; callbacks.length < distinct; m++) {
    const messageId = `${tag}${m.toString(16).padStart(7, '0')}`;
    const codes = m % 10 === 0 ? [2, 3, FAILURES[Math.floor(random() * FAILURES.length)]!] : [2, 3, 4, 27];
    for (const [step, statusCode] of codes.entries()) {
      if (callbacks.length < distinct)
        callbacks.push({ messageId, statusCode, timestamp: 1_760_000_000_000 + m + step * 60_000 });
    }
  }
  const sends = shuffle([...callbacks, ...callbacks.filter(() => random() < duplicateShare)], random);
  return { callbacks, sends };
}

/** The current status of each message by the core's rule: the fold of `isNewerStatus` over its callbacks. */
export function foldStatuses(callbacks: readonly StormCallback[]): Map<string, StatusPoint> {
  const current = new Map<string, StatusPoint>();
  for (const c of callbacks) {
    const incoming = { code: c.statusCode, timestamp: c.timestamp };
    if (isNewerStatus(current.get(c.messageId) ?? null, incoming)) current.set(c.messageId, incoming);
  }
  return current;
}
