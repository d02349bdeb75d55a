import { LONGEST_TIMER_MS } from './timeout.ts';

/** How long held messages wait for more from an async source by default; see `SendAllOptions.lingerMs`. */
export const DEFAULT_LINGER_MS = 100;

/** The clock of what the engine holds; see `createLinger`. */
export interface Linger {
  /** Starts the clock, unless it runs. */
  start(): void;
  /** Clears the clock: nothing is held any more. */
  stop(): void;
  /** Says whether the engine is waiting for the source's next message. */
  reading(waiting: boolean): void;
}

/**
 * How long held messages (a partly filled batch, results) may wait for the source's next message: after `ms`,
 * if the engine is waiting for the source, `wake` is called (the engine stops waiting and sends and hands out
 * what it holds). If the engine is busy elsewhere then (waiting for a request slot, or for its consumer), that
 * time was not the source's: the clock starts again when the engine next waits for the source, so a batch is
 * not sent half-full only for being slow to get a slot, and no timer runs on while nobody reads (an iterator
 * its consumer abandoned holds a process for `ms` at most). The timer is not `unref`ed: held messages are work
 * to do, and with a source that waits on nothing but the consumer, it is what moves the send on.
 * `ms` of `Infinity` (or over 2^31 - 1) means never: held messages wait for a full batch or the source's end.
 *
 * @example const linger = createLinger(20, reader.wake); linger.start(); linger.reading(true);
 */
export function createLinger(ms: number, wake: () => void): Linger {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting = false;
  let overdue = false;
  const due = () => {
    timer = undefined;
    if (waiting) wake();
    else overdue = true;
  };
  const start = () => {
    if (timer === undefined && ms <= LONGEST_TIMER_MS) timer = setTimeout(due, ms);
  };
  return {
    start,
    stop() {
      clearTimeout(timer);
      timer = undefined;
      overdue = false;
    },
    reading(now) {
      waiting = now;
      if (now && overdue) {
        overdue = false;
        start();
      }
    },
  };
}
