import type { MediaDownloader } from '../media/create-media-downloader.ts';
import type { DownloadSchedule, OutboxEntry, Store } from '../store.ts';
import { HAND_OFF_LIMITS, type HandOff, type HandOffLimits } from './hand-off-message.ts';
import { packBatches } from './pack-batches.ts';

/** Options of `createOutboxDrain`. */
export interface OutboxDrainOptions {
  readonly store: Store;
  readonly handOff: HandOff;
  readonly limits?: HandOffLimits;
  /** Entries claimed per round. Default 500. */
  readonly claimLimit?: number;
  /** How long a claim holds its entries; a drain that dies frees them when it runs out. Default 60 s. */
  readonly leaseMs?: number;
  /** Rounds per run at most, so a run under a storm ends (the next run or the schedule goes on). Default 20. */
  readonly maxRounds?: number;
  /**
   * How long a run waits before the pass another call asked for, when the last pass found the outbox short of a
   * claim: callbacks arriving meanwhile then go in one claim and one hand-off, not one each. Default 50 ms.
   */
  readonly coalesceMs?: number;
  /**
   * Runs after a run that scheduled downloads of files sent by reference (`createMediaDownloader`); the
   * schedule (a Cron Trigger, a timer) runs it too, for retries.
   */
  readonly downloader?: MediaDownloader;
  readonly now?: () => number;
  /** Told of a failed claim, hand-off or completion; the entries stay pending. Must not throw. */
  readonly onError?: (error: unknown) => void;
}

/** What one run did. */
export interface DrainReport {
  readonly handedOff: number;
  readonly batches: number;
  readonly failed: boolean;
}

/** A drain of the outbox: one run in flight per drain object (per isolate or process). */
export interface OutboxDrain {
  /**
   * Runs the drain until the outbox is empty (or the round bound). A call while a run is in flight does not
   * start another: it asks the running one for one more pass, and resolves at once with an empty report.
   */
  run(): Promise<DrainReport>;
}

/**
 * Creates the drain that hands stored events on after the 2xx: it leases pending entries, packs them into
 * batches within the Queue's limits, hands each batch on and marks it done. Delivery is at least once (a
 * batch handed on whose completion failed is handed on again); consumers deduplicate by `key`.
 *
 * @example
 * const drain = createOutboxDrain({ store, handOff: (messages) => queue.sendBatch(messages.map((body) => ({ body }))) });
 * const app = createGatewayApp({ store, auth, drain });
 */
export function createOutboxDrain(options: OutboxDrainOptions): OutboxDrain {
  const { store, handOff } = options;
  const limits = { ...HAND_OFF_LIMITS, ...options.limits };
  const claimLimit = options.claimLimit ?? 500;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxRounds = options.maxRounds ?? 20;
  const coalesceMs = options.coalesceMs ?? 50;
  const now = options.now ?? Date.now;
  const report = (error: unknown) => {
    try {
      options.onError?.(error);
    } catch {
      // A logger that throws must not stop the drain.
    }
  };
  let running = false;
  let again = false;
  let scheduled = 0;

  /**
   * Records the downloads of the files user messages sent by reference, before their entries can be completed:
   * a message handed on always has its files scheduled (again is a no-op).
   */
  async function scheduleDownloads(entries: readonly OutboxEntry[]): Promise<void> {
    const schedules: DownloadSchedule[] = [];
    for (const entry of entries) {
      if (entry.kind !== 'message') continue;
      const event = entry.event ?? (await store.getEvent(entry.key));
      if (event?.kind === 'message' && event.files && event.files.length > 0)
        schedules.push({ eventKey: event.key, files: event.files.length });
    }
    if (schedules.length === 0) return;
    await store.scheduleDownloads(schedules, now());
    scheduled += schedules.length;
  }

  async function round(): Promise<{ handedOff: number; batches: number; failed: boolean; more: boolean }> {
    const entries = await store.claimOutbox({ limit: claimLimit, leaseMs, now: now() });
    await scheduleDownloads(entries);
    let handedOff = 0;
    let batches = 0;
    for (const batch of packBatches(entries, limits)) {
      await handOff(batch.messages);
      await store.completeOutbox(batch.ids, now());
      handedOff += batch.ids.length;
      batches++;
    }
    return { handedOff, batches, failed: false, more: entries.length === claimLimit };
  }

  return {
    async run() {
      if (running) {
        again = true;
        return { handedOff: 0, batches: 0, failed: false };
      }
      running = true;
      scheduled = 0;
      const total = { handedOff: 0, batches: 0, failed: false };
      try {
        for (let rounds = 0; rounds < maxRounds; rounds++) {
          again = false;
          const r = await round();
          total.handedOff += r.handedOff;
          total.batches += r.batches;
          if (!r.more && !again) break;
          if (!r.more && coalesceMs > 0) await new Promise((resolve) => setTimeout(resolve, coalesceMs));
        }
      } catch (error) {
        // What was not completed stays leased until its lease runs out, then the next run takes it.
        total.failed = true;
        report(error);
      } finally {
        running = false;
      }
      // Outside the run's flag: a long download never holds back the next hand-off.
      if (scheduled > 0 && options.downloader) await options.downloader.run();
      return total;
    },
  };
}
