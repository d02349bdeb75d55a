import { apiGet, pool } from './gateway-calls.ts';
import type { ReliabilityTarget } from './reliability-target.ts';
import { foldStatuses, type StormCallback, stormKey } from './status-storm.ts';

/** What storage holds for a set of callbacks, counted. */
export interface StoredTally {
  /** Callbacks stored exactly once, with exactly one outbox entry. */
  readonly once: number;
  /** Stored more than once, or with more than one outbox entry. */
  readonly doubled: number;
  readonly absent: number;
  /** Stored once and handed off. */
  readonly handedOff: number;
}

/** Tallies storage for `callbacks` (by key), reporting each one stored more than once. */
export async function tallyStored(
  target: ReliabilityTarget,
  callbacks: readonly StormCallback[],
  violation: (message: string) => void,
): Promise<StoredTally> {
  const tally = { once: 0, doubled: 0, absent: 0, handedOff: 0 };
  for (let at = 0; at < callbacks.length; at += 500) {
    const keys = callbacks.slice(at, at + 500).map(stormKey);
    const found = await target.inspect(keys);
    for (const key of keys) {
      const k = found.get(key) ?? { events: 0, outbox: 0, handedOff: 0 };
      if (k.events === 0) tally.absent++;
      else if (k.events === 1 && k.outbox === 1) {
        tally.once++;
        if (k.handedOff === 1) tally.handedOff++;
      } else {
        tally.doubled++;
        violation(`${key}: ${k.events} events, ${k.outbox} outbox entries`);
      }
    }
  }
  return tally;
}

/**
 * Compares each message's current status through `GET /api/messages/:id` with the fold of the core's
 * `isNewerStatus` over `callbacks`; answers how many differ.
 */
export async function checkCurrentStatuses(
  target: ReliabilityTarget,
  callbacks: readonly StormCallback[],
  messageIds: readonly string[],
  violation: (message: string) => void,
): Promise<number> {
  const expected = foldStatuses(callbacks);
  let wrong = 0;
  await pool(messageIds, 16, async (id) => {
    const { status, body } = await apiGet(target, `/messages/${encodeURIComponent(id)}`);
    const view = body as { status?: { code: number; timestamp: number; api: string } | null } | null;
    const got =
      status === 200 && view?.status
        ? { code: view.status.code, timestamp: view.status.timestamp, api: view.status.api }
        : null;
    const want = expected.get(id) ?? null;
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      wrong++;
      violation(
        `${id}: current status ${JSON.stringify(got)} (HTTP ${status}), fold ${JSON.stringify(want)}`,
      );
    }
  });
  return wrong;
}

/** Runs the drain until every stored callback is handed off, or `rounds` runs. */
export async function drainUntilHandedOff(
  target: ReliabilityTarget,
  callbacks: readonly StormCallback[],
  rounds: number,
  pauseMs: number,
): Promise<void> {
  let pending = callbacks;
  for (let round = 0; round < rounds; round++) {
    await target.drain();
    const left: StormCallback[] = [];
    for (let at = 0; at < pending.length; at += 500) {
      const slice = pending.slice(at, at + 500);
      const found = await target.inspect(slice.map(stormKey));
      for (const c of slice) {
        const k = found.get(stormKey(c));
        if (k && k.events > 0 && k.handedOff < k.outbox) left.push(c);
      }
    }
    pending = left;
    if (pending.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}
