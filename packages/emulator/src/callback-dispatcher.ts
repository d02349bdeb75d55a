import { createMinHeap } from './internal/min-heap.ts';

/** How callbacks are delivered. */
export interface CallbackDispatcherOptions {
  /** What callbacks are sent with. */
  readonly fetch: typeof fetch;
  /** Wait before each retry; its length is the number of retries. */
  readonly retryBackoffMs: readonly number[];
  /** An answer slower than this is a failure, and retried, as the platform treats a slow webhook. */
  readonly timeoutMs: number;
  /** Callbacks in flight at once: bounds sockets and the load on the receiver. */
  readonly concurrency: number;
  /** The wall clock for attempt records. */
  readonly now: () => number;
}

/** One callback to deliver: a JSON body posted to `url`. */
export interface CallbackJob {
  readonly url: string;
  /** The serialized body: serialized once, so retries and duplicates send the very same bytes. */
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Called once, as the first attempt leaves. */
  readonly onSend?: () => void;
  /** Called after every attempt. */
  readonly onAttempt?: (attempt: CallbackAttempt) => void;
}

/** The outcome of one delivery attempt. */
export interface CallbackAttempt {
  readonly attempt: number;
  readonly at: number;
  readonly durationMs: number;
  /** The receiver's HTTP status, or null when there was no answer (refused, reset, timed out). */
  readonly httpStatus: number | null;
  readonly error?: string;
  readonly delivered: boolean;
  /** Whether no attempt follows: delivered, out of retries, or the emulator closed. */
  readonly last: boolean;
  /** Milliseconds until the retry, when one follows. */
  readonly nextAttemptInMs?: number;
}

/** Running totals of the dispatcher. */
export interface DispatcherCounters {
  delivered: number;
  failed: number;
  attempts: number;
  retries: number;
}

/** Delivers callbacks in the background, with retries, and knows when nothing is left to deliver. */
export interface CallbackDispatcher {
  /** Callbacks waiting, in flight, or waiting to be retried. */
  readonly pending: number;
  readonly counters: Readonly<DispatcherCounters>;
  /** Queues `job` to leave after `delayMs`. */
  schedule(job: CallbackJob, delayMs: number): void;
  /** Resolves when nothing is pending (at once if nothing is). */
  idle(): Promise<void>;
  /** Drops every callback not yet in flight and zeroes the counters. */
  reset(): void;
  /** Drops everything, aborts what is in flight and stops the timer. */
  close(): void;
}

interface Entry {
  readonly job: CallbackJob;
  readonly due: number;
  readonly seq: number;
  readonly attempt: number;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = cause?.code ?? cause?.message;
  return detail ? `${error.message} (${String(detail)})` : error.message;
}

/**
 * Makes a dispatcher. One timer serves the whole queue (a heap ordered by due time), so 100,000 scheduled
 * callbacks cost one timer, not 100,000; `setTimeout` and `fetch` are all it needs, in Node and in workerd.
 * A non-2xx answer, no answer, or a slow one is retried after `retryBackoffMs[n]`, then given up.
 *
 * @example
 * const dispatcher = createCallbackDispatcher({ fetch, retryBackoffMs: [100, 1000], timeoutMs: 5000, concurrency: 16, now: Date.now });
 * dispatcher.schedule({ url, body: JSON.stringify(event), headers: {} }, 250);
 * await dispatcher.idle();
 */
export function createCallbackDispatcher(options: CallbackDispatcherOptions): CallbackDispatcher {
  const queue = createMinHeap<Entry>((a, b) => a.due < b.due || (a.due === b.due && a.seq < b.seq));
  // Due entries, first in first out; `head` instead of shift() keeps a burst of 100,000 linear.
  let ready: Entry[] = [];
  let head = 0;
  let inFlight = 0;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerDue = Number.POSITIVE_INFINITY;
  let closed = false;
  let waiters: (() => void)[] = [];
  const inFlightControllers = new Set<AbortController>();
  const counters: DispatcherCounters = { delivered: 0, failed: 0, attempts: 0, retries: 0 };
  const pending = (): number => queue.size + ready.length - head + inFlight;

  const settleIdle = (): void => {
    if (pending() > 0 || waiters.length === 0) return;
    const resolve = waiters;
    waiters = [];
    for (const w of resolve) w();
  };

  const arm = (): void => {
    const next = queue.peek();
    if (closed || !next || next.due >= timerDue) return;
    if (timer !== undefined) clearTimeout(timer);
    timerDue = next.due;
    timer = setTimeout(fire, Math.max(0, next.due - Date.now()));
  };

  function fire(): void {
    timer = undefined;
    timerDue = Number.POSITIVE_INFINITY;
    const now = Date.now();
    while (queue.size > 0 && queue.peek()!.due <= now) ready.push(queue.pop()!);
    pump();
    arm();
  }

  function pump(): void {
    while (!closed && inFlight < options.concurrency && head < ready.length) {
      const entry = ready[head]!;
      // Drop the reference: under steady load `head` never reaches the end, and the array would keep every
      // delivered entry alive.
      ready[head++] = undefined as unknown as Entry;
      inFlight++;
      void deliver(entry);
    }
    if (head === ready.length) {
      ready = [];
      head = 0;
    } else if (head > 1024 && head * 2 > ready.length) {
      ready = ready.slice(head);
      head = 0;
    }
  }

  async function deliver(entry: Entry): Promise<void> {
    const { job, attempt } = entry;
    if (attempt === 1) job.onSend?.();
    const at = options.now();
    const started = Date.now();
    let httpStatus: number | null = null;
    let error: string | undefined;
    // One controller and one plain timer per attempt: cheaper than AbortSignal.timeout + AbortSignal.any, whose
    // signals Node 20 keeps alive (and in memory) long after the answer came.
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new DOMException('timeout', 'TimeoutError')),
      options.timeoutMs,
    );
    inFlightControllers.add(controller);
    try {
      const response = await options.fetch(job.url, {
        method: 'POST',
        headers: job.headers,
        body: job.body,
        signal: controller.signal,
      });
      httpStatus = response.status;
      // Read the answer to the end: the connection goes back to the pool, and a body that never ends is slow.
      await response.arrayBuffer();
    } catch (e) {
      error = describeFailure(controller.signal.aborted ? controller.signal.reason : e, options.timeoutMs);
    } finally {
      clearTimeout(timer);
      inFlightControllers.delete(controller);
    }
    inFlight--;
    counters.attempts++;
    const delivered = error === undefined && httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
    const retry = !delivered && !closed && attempt <= options.retryBackoffMs.length;
    if (delivered) counters.delivered++;
    else if (retry) counters.retries++;
    else counters.failed++;
    const durationMs = Date.now() - started;
    job.onAttempt?.({
      attempt,
      at,
      durationMs,
      httpStatus,
      delivered,
      last: !retry,
      ...(error ? { error } : {}),
      ...(retry ? { nextAttemptInMs: options.retryBackoffMs[attempt - 1]! } : {}),
    });
    if (retry) {
      queue.push({
        job,
        due: Date.now() + options.retryBackoffMs[attempt - 1]!,
        seq: seq++,
        attempt: attempt + 1,
      });
      arm();
    }
    pump();
    settleIdle();
  }

  return {
    get pending() {
      return pending();
    },
    counters,
    schedule(job, delayMs) {
      if (closed) return;
      queue.push({ job, due: Date.now() + Math.max(0, delayMs), seq: seq++, attempt: 1 });
      arm();
    },
    idle() {
      if (pending() === 0 || closed) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    reset() {
      queue.clear();
      ready = [];
      head = 0;
      Object.assign(counters, { delivered: 0, failed: 0, attempts: 0, retries: 0 });
      settleIdle();
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      queue.clear();
      ready = [];
      head = 0;
      for (const controller of inFlightControllers)
        controller.abort(new DOMException('closed', 'AbortError'));
      const resolve = waiters;
      waiters = [];
      for (const w of resolve) w();
    },
  };
}
