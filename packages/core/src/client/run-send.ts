import { LIMITS } from '../limits.ts';
import { createBatcher } from './batch.ts';
import { AbortError, type ClickwaError, UsageError } from './errors.ts';
import { createLinger } from './linger.ts';
import { describeMessage, type PreparedMessage, prepareMessage } from './prepare-message.ts';
import { readSource, WOKE } from './read-source.ts';
import { type BatchRun, sendBatch } from './send-batch.ts';
import type { SendContext } from './send-context.ts';
import { type SendResult, sendResult } from './send-result.ts';

/** Per-call options of `runSend`, already checked. */
export interface RunSendOptions {
  readonly signal?: AbortSignal;
  readonly encryptionKey?: string;
  readonly concurrency: number;
  /** How long messages read from an async source wait for more before they are sent in a partial batch. */
  readonly lingerMs: number;
}

/**
 * The engine of `send` and `sendAll`: reads messages one at a time, validates and batches them, keeps at
 * most `concurrency` requests in flight (plus the batch being filled: nothing else is held), and yields
 * results in arrays as batches settle: a batch's results in input order, batches in the order they finish.
 * Arrays rather than single results, so `send` pays no per-message async step; `sendAll` flattens them.
 *
 * Settled results are held like batches in flight until handed out, one batch at a time, and the next batch
 * is sent as soon as there is room, before the following settled batch is handed out: a consumer that takes
 * its time over results (a database write) still has requests in flight. A full batch goes at once. When an
 * async source has kept it waiting `lingerMs` in all since it began to hold messages (a queue with little in
 * it), the engine sends what it holds; results that settle while it waits for the source are handed out then.
 *
 * Stopping: after an account-level error (invalid key, IP lockdown...), or a throttle or connect failure that
 * outlived its retries, every later message is read and reported `not-sent`. After the caller aborts, the
 * messages already read are reported `not-sent` (or `unknown` if in flight) and the source is not read further,
 * so an endless source can be stopped. If the source throws, the messages read are settled, then it rethrows.
 */
export async function* runSend(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  ctx: SendContext,
  options: RunSendOptions,
  leave?: AbortSignal,
): AsyncGenerator<SendResult[], void, undefined> {
  // What the requests run under: the caller's abort, or the consumer leaving early (`break`, or `leave`
  // while a step is pending), after which nobody reads the results: requests in flight are dropped, and no
  // retry goes out.
  const { signal } = options;
  const stopper = new AbortController();
  const onAbort = () => stopper.abort(signal?.reason);
  const onLeave = () => stopper.abort();
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  if (leave?.aborted) onLeave();
  else leave?.addEventListener('abort', onLeave, { once: true });
  let finished = false;
  try {
    yield* engine(source, ctx, options, stopper.signal);
    finished = true;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    leave?.removeEventListener('abort', onLeave);
    if (!finished) stopper.abort();
  }
}

/** What the engine holds, for the helpers below. */
interface Pipeline {
  /** Settled batches waiting to be handed out. */
  readonly ready: SendResult[][];
  readonly inFlight: ReadonlySet<Promise<void>>;
  /** The next settle of a batch in flight. */
  readonly settled: () => Promise<void>;
  /** Sends a batch (or settles it not-sent if the send has stopped). */
  readonly launch: (batch: PreparedMessage[]) => void;
  /** Batches that may be held when one more is sent: concurrency - 1. */
  readonly slots: number;
}

// The helpers are module functions, not closures of each run: the generator objects of a closure have maps of
// their own, so a new closure per run would throw the engine's optimized code away at every run (measured on
// Node 20: a 35-50 ms recompilation per `sendAll`).

/** Hands out settled batches, waiting for the ones in flight, until at most `slots` are held. Settled results
 * count as held until handed out, one batch at a time. */
async function* makeRoom(p: Pipeline, slots: number): AsyncGenerator<SendResult[], void, undefined> {
  while (p.inFlight.size + p.ready.length > slots) {
    if (p.ready.length > 0) yield p.ready.shift()!;
    else await p.settled();
  }
}

/** Sends `batch` as soon as a slot is free: a consumer that takes its time over results (a database write)
 * always has requests in flight meanwhile. */
async function* sendWhenRoom(
  p: Pipeline,
  batch: PreparedMessage[],
): AsyncGenerator<SendResult[], void, undefined> {
  yield* makeRoom(p, p.slots);
  p.launch(batch);
}

/** Hands out every settled batch. */
function* handOut(ready: SendResult[][]): Generator<SendResult[], void, undefined> {
  while (ready.length > 0) yield ready.shift()!;
}

async function* engine(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  ctx: SendContext,
  options: RunSendOptions,
  requests: AbortSignal,
): AsyncGenerator<SendResult[], void, undefined> {
  const { signal, encryptionKey, concurrency } = options;
  const batcher = createBatcher<PreparedMessage>({ encryptionKey });
  const prepare = {
    encrypted: Boolean(encryptionKey),
    templates: ctx.templates,
    fits: batcher.fits,
    maxBytes: LIMITS.maxRequestBytes,
  };
  const reader = readSource(source, signal);
  const inFlight = new Set<Promise<void>>();
  // Settled batches waiting to be handed out, and single results (rejected, not-sent) gathered into arrays.
  const ready: SendResult[][] = [];
  let loose: SendResult[] = [];
  let stop: ClickwaError | undefined;
  let abortError: AbortError | undefined;

  // The next settled batch. One promise serves every wait until then.
  let event: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const nextEvent = () =>
    (event ??= new Promise((resolve) => {
      wake = resolve;
    }));
  const notify = () => {
    const w = wake;
    event = undefined;
    wake = undefined;
    w?.();
  };

  // The reason a message is not sent: the caller's abort first, so its error says "safe to send again".
  const halted = (): ClickwaError | undefined => {
    if (!signal?.aborted) return stop;
    abortError ??= new AbortError({ cause: signal.reason, retryable: true });
    return abortError;
  };
  // Puts the gathered single results in line to be handed out.
  const releaseLoose = () => {
    if (loose.length > 0) ready.push(loose);
    loose = [];
  };
  const run: BatchRun = { signal: requests, encryptionKey, stopped: () => stop };
  const launch = (batch: PreparedMessage[]) => {
    const error = halted();
    if (error) {
      ready.push(batch.map((m) => sendResult(m, 'not-sent', { error })));
      return;
    }
    const done: Promise<void> = sendBatch(batch, ctx, run).then((outcome) => {
      inFlight.delete(done);
      stop ??= outcome.stop;
      ready.push(outcome.results);
      notify();
      // If the engine is waiting for a slow source, it hands the results out now rather than after the wait.
      reader.wake();
    });
    inFlight.add(done);
  };
  const pipeline: Pipeline = { ready, inFlight, settled: nextEvent, launch, slots: concurrency - 1 };
  // Takes one message read from the source: prepared into the open batch, or a single result. Returns the
  // batch it made ready to go: the one it closed by not fitting (it then opens the next, which holds one
  // message, so it is not full too), or the open one once full: a full batch goes now, not when the next
  // message comes.
  const admit = (value: unknown, i: number): PreparedMessage[] | undefined => {
    const error = halted();
    const prepared = error
      ? sendResult(describeMessage(value, i), 'not-sent', { error })
      : prepareMessage(value, i, prepare);
    if (!('payload' in prepared)) {
      loose.push(prepared);
      return undefined;
    }
    return (
      batcher.add(prepared) ?? (batcher.size() >= LIMITS.maxMessagesPerRequest ? batcher.flush() : undefined)
    );
  };

  let failure: { error: unknown } | undefined;
  let index = 0;
  // A sync source never keeps the engine waiting: nothing to time.
  const lingerMs = reader.waits ? options.lingerMs : Number.POSITIVE_INFINITY;
  // When the source has kept the engine waiting for lingerMs, the wait is cut short to send what is held.
  const linger = createLinger(lingerMs, reader.wake);
  try {
    for (;;) {
      // After an abort, the source is not read again (a sync one cannot be interrupted, only not asked).
      if (signal?.aborted) break;
      // With nothing in flight, no settle will cut a wait for a quiet source short: what is ready goes out
      // first (a batch found not-sent because another stopped the send, while it waited for a slot).
      if (inFlight.size === 0) yield* handOut(ready);
      let step: IteratorResult<unknown> | typeof WOKE | undefined;
      try {
        const next = reader.next();
        if (next instanceof Promise) {
          linger.reading(true);
          step = await next;
          linger.reading(false);
        } else step = next;
      } catch (error) {
        failure = { error };
        break;
      }
      if (step === WOKE) {
        // Woken while the source kept it waiting: by results that settled, or because what is held has waited
        // lingerMs on the source, and is sent as it is. Either way, every settled batch goes out.
        if (linger.lapsed()) {
          linger.stop();
          releaseLoose();
          const partial = batcher.flush();
          if (partial) yield* sendWhenRoom(pipeline, partial);
        }
        yield* handOut(ready);
        continue;
      }
      if (!step || step.done) break;
      // Only rejected and not-sent results can outgrow the slots; hand them out as they do.
      while (ready.length > 0 && inFlight.size + ready.length > concurrency) yield ready.shift()!;
      const full = admit(step.value, index++);
      if (full) {
        // A new batch's wait starts with the message that opens it.
        linger.stop();
        yield* sendWhenRoom(pipeline, full);
      }
      // Single results are held with the batch being filled: together they never pass one request's worth.
      if (loose.length > 0 && loose.length + batcher.size() >= LIMITS.maxMessagesPerRequest) releaseLoose();
      if (batcher.size() > 0 || loose.length > 0) linger.start();
    }
  } finally {
    linger.stop();
    // On abort, and when the consumer stops iterating early, a source that has not ended is told to clean up.
    reader.close();
  }
  const last = batcher.flush();
  if (last && failure) {
    const error = new UsageError('The message source threw; the messages read before it were not sent', {
      cause: failure.error,
      retryable: true,
    });
    ready.push(last.map((m) => sendResult(m, 'not-sent', { error })));
  } else if (last) {
    yield* sendWhenRoom(pipeline, last);
  }
  yield* makeRoom(pipeline, 0);
  // An item the source handed over after the abort, while the requests in flight settled: not sent either.
  const late = reader.late();
  if (late) loose.push(sendResult(describeMessage(late.value, index++), 'not-sent', { error: halted() }));
  releaseLoose();
  yield* handOut(ready);
  if (failure) {
    throw failure.error instanceof Error
      ? failure.error
      : new UsageError('The message source threw a non-Error', { cause: failure.error });
  }
}
