import { LONGEST_TIMER_MS } from './timeout.ts';

/** How long held messages wait for more from an async source by default; see `SendAllOptions.lingerMs`. */
export const DEFAULT_LINGER_MS = 100;

/** The clock of what the engine holds; see `createLinger`. */
export interface Linger {
  /** Starts the clock when the engine begins to hold messages; does nothing while it runs. */
  start(): void;
  /** Clears the clock: nothing is held any more. */
  stop(): void;
  /** Says whether the engine is waiting for the source's next message. */
  reading(waiting: boolean): void;
  /** Whether what is held has waited `ms` on the source: it is to be sent as it is. */
  lapsed(): boolean;
}

/**
 * How long held messages (a partly filled batch, rejected results) may wait for the source: once the engine
 * has spent `ms` in all waiting for the source's next message since it began to hold them, `wake` is called
 * (the engine stops waiting and sends and hands out what it holds). Time the engine spends elsewhere (waiting
 * for a request slot, or for its consumer) does not count: nothing could have been sent then anyway, so a
 * batch is not sent half-full only for being slow to get a slot. A source that keeps handing over messages,
 * however slowly, has what it holds sent at most `ms` of waiting later, like Kafka's `linger.ms`.
 *
 * One timer per held batch, not one per message: it is re-armed for the time still missing when it fires
 * early, and not at all while the engine is busy elsewhere (an iterator its consumer abandoned holds a process
 * for `ms` at most). It is not `unref`ed: held messages are work to do. `ms` of `Infinity` (or over
 * 2^31 - 1) means never: held messages wait for a full batch or the source's end.
 *
 * @example const linger = createLinger(100, reader.wake); linger.start(); linger.reading(true);
 */
export function createLinger(ms: number, wake: () => void): Linger {
  const never = !(ms <= LONGEST_TIMER_MS);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let held = false;
  let waiting = false;
  // Time spent waiting for the source since the clock started, the current wait aside, and when that began.
  let waited = 0;
  let since = 0;
  const total = () => waited + (waiting ? performance.now() - since : 0);
  const arm = (delay: number) => {
    timer = setTimeout(due, Math.max(0, delay));
  };
  const due = () => {
    timer = undefined;
    if (!waiting) return; // the next wait re-arms it
    const left = ms - total();
    if (left <= 0) wake();
    else arm(left);
  };
  return {
    start() {
      if (held || never) return;
      held = true;
      waited = 0;
      since = performance.now();
      arm(ms);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      held = false;
    },
    reading(now) {
      if (now === waiting) return;
      waiting = now;
      if (!held) return;
      if (!now) {
        waited += performance.now() - since;
        return;
      }
      since = performance.now();
      if (timer === undefined) arm(ms - waited);
    },
    lapsed: () => held && total() >= ms,
  };
}
