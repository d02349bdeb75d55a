import { prng, shuffle } from '@clickwa/webhook/contract';
import { CALLBACK } from './gateway-process.ts';

/** One status callback of a storm. */
export interface StormCallback {
  readonly messageId: string;
  readonly statusCode: number;
  readonly timestamp: number;
}

export const keyOf = (c: StormCallback): string => `status:${c.messageId}:${c.statusCode}:${c.timestamp}`;

/** Lifecycles of `messages` messages (QUEUED to READ), a quarter sent twice, in a seeded random order. */
export function stormOf(prefix: string, messages: number, seed: number) {
  const random = prng(seed);
  const distinct = Array.from({ length: messages }, (_, i) =>
    [2, 3, 4, 27].map(
      (statusCode, step): StormCallback => ({
        messageId: `${prefix}${String(i).padStart(6, '0')}`,
        statusCode,
        timestamp: 1_760_000_000_000 + i + step * 60_000,
      }),
    ),
  ).flat();
  return { distinct, sends: shuffle([...distinct, ...distinct.filter(() => random() < 0.25)], random) };
}

/**
 * Sends the callbacks with `concurrency` requests in flight, spread over the base URLs in turn; answers the
 * keys acknowledged with 200. A request that fails (the server died) is not acknowledged; `stop` ends early.
 */
export async function sendStorm(
  urls: readonly string[],
  sends: readonly StormCallback[],
  concurrency: number,
  onAnswer?: (acknowledged: number) => void,
): Promise<{ acknowledged: Set<string>; statuses: Map<number | string, number> }> {
  const acknowledged = new Set<string>();
  const statuses = new Map<number | string, number>();
  let next = 0;
  const sender = async () => {
    while (next < sends.length) {
      const i = next++;
      const c = sends[i]!;
      let status: number | string;
      try {
        const r = await fetch(`${urls[i % urls.length]}/clickatell/status`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ integrationId: 'i1', integrationName: 'Storm', ...c, ...CALLBACK }),
        });
        await r.arrayBuffer();
        status = r.status;
        if (r.status === 200) acknowledged.add(keyOf(c));
      } catch {
        status = 'failed';
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      onAnswer?.(acknowledged.size);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return { acknowledged, statuses };
}
