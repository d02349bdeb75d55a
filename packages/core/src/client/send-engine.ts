import { LIMITS } from '../limits.ts';
import { type Batcher, createBatcher } from './batcher.ts';
import type { ClientConfig } from './client-config.ts';
import { AbortError, type ClickwaError, UsageError } from './errors.ts';
import { notSentError } from './failure-rules.ts';
import { createLinger, type Linger } from './linger.ts';
import {
  describeMessage,
  type PreparedMessage,
  type PrepareOptions,
  prepareMessage,
} from './prepare-message.ts';
import { readSource, type SourceReader, WOKE } from './read-source.ts';
import { type BatchRun, sendBatch } from './send-batch.ts';
import { type SendResult, sendResult } from './send-result.ts';

/** Per-call options of the engine, already checked. */
export interface EngineOptions {
  readonly signal?: AbortSignal;
  readonly encryptionKey?: string;
  readonly concurrency: number;
  /** How long messages read from an async source wait for more before they are sent in a partial batch. */
  readonly lingerMs: number;
}

/** What one send holds. The engine's steps below are module functions that take it. */
interface Engine {
  readonly signal: AbortSignal | undefined;
  readonly concurrency: number;
  readonly reader: SourceReader;
  readonly batcher: Batcher<PreparedMessage>;
  readonly prepare: PrepareOptions;
  readonly linger: Linger;
  readonly run: BatchRun;
  readonly config: ClientConfig;
  /** Batches in flight. */
  inFlight: number;
  /** Settled batches, and gathered single results, in line to be handed out. */
  readonly ready: SendResult[][];
  /** Single results (rejected, not-sent) held with the batch being filled. */
  loose: SendResult[];
  /** The error that ended the send, once one has, and the error of the messages not sent because of it. */
  stop: ClickwaError | undefined;
  notSent: ClickwaError | undefined;
  /** Resolves at the next settle of a batch in flight. */
  settled: Promise<void> | undefined;
  onSettled: (() => void) | undefined;
  index: number;
}

/** Why a message is not sent: the caller's abort first, then the error that ended the send. */
function halted(e: Engine): ClickwaError | undefined {
  if (e.signal?.aborted) return new AbortError({ cause: e.signal.reason, retryable: true });
  if (e.stop) e.notSent ??= notSentError(e.stop);
  return e.notSent;
}

/** Waits for the next batch in flight to settle. */
function nextSettle(e: Engine): Promise<void> {
  e.settled ??= new Promise((resolve) => {
    e.onSettled = resolve;
  });
  return e.settled;
}

/** Sends a batch now (or settles it not-sent, if the send has stopped). */
function launch(e: Engine, batch: PreparedMessage[]): void {
  const error = halted(e);
  if (error) {
    e.ready.push(batch.map((m) => sendResult(m, 'not-sent', { error })));
    return;
  }
  e.inFlight++;
  void sendBatch(batch, e.config, e.run).then((outcome) => {
    e.inFlight--;
    e.stop ??= outcome.stop;
    e.ready.push(outcome.results);
    const wake = e.onSettled;
    e.settled = e.onSettled = undefined;
    wake?.();
    // If the engine is waiting for a slow source, the results are handed out now rather than after the wait.
    e.reader.wake();
  });
}

/** Hands out settled batches, waiting for those in flight, until at most `slots` are held. */
async function* makeRoom(e: Engine, slots: number): AsyncGenerator<SendResult[], void, undefined> {
  while (e.inFlight + e.ready.length > slots) {
    if (e.ready.length > 0) yield e.ready.shift()!;
    else await nextSettle(e);
  }
}

/**
 * Sends `batch` as soon as a slot is free: settled results count as held until handed out, one batch at a time,
 * so a consumer that takes its time over results (a database write) has requests in flight meanwhile.
 */
async function* sendWhenRoom(
  e: Engine,
  batch: PreparedMessage[],
): AsyncGenerator<SendResult[], void, undefined> {
  yield* makeRoom(e, e.concurrency - 1);
  launch(e, batch);
}

function* handOut(e: Engine): Generator<SendResult[], void, undefined> {
  while (e.ready.length > 0) yield e.ready.shift()!;
}

/** Puts the gathered single results in line to be handed out. */
function releaseLoose(e: Engine): void {
  if (e.loose.length > 0) e.ready.push(e.loose);
  e.loose = [];
}

/** Takes one message read from the source: into the open batch, or a single result. Returns a batch ready to go. */
function admit(e: Engine, value: unknown): PreparedMessage[] | undefined {
  const index = e.index++;
  const error = halted(e);
  const prepared = error
    ? sendResult(describeMessage(value, index), 'not-sent', { error })
    : prepareMessage(value, index, e.prepare);
  if (!('json' in prepared)) {
    e.loose.push(prepared);
    return undefined;
  }
  return e.batcher.add(prepared);
}

/** Waits for an async source's next step, or `WOKE` when what is held is due or results settled meanwhile. */
async function wait(e: Engine, next: Promise<IteratorResult<unknown> | typeof WOKE | undefined>) {
  e.linger.reading(true);
  try {
    return await next;
  } finally {
    e.linger.reading(false);
  }
}

/**
 * The engine: read -> prepare -> batch -> send when there is room -> hand out results. Holds at most
 * `concurrency` batches in flight or settled, plus the batch being filled, and yields results in arrays: a batch's
 * in input order, batches in the order they settle. What is held from an async source goes out once the source
 * has kept it waiting `lingerMs` in all.
 */
async function* pump(e: Engine): AsyncGenerator<SendResult[], void, undefined> {
  const { signal, reader, batcher, linger } = e;
  let failure: { error: unknown } | undefined;
  try {
    for (;;) {
      // After an abort, the source is not read again (a sync one cannot be interrupted, only not asked).
      if (signal?.aborted) break;
      // Nothing in flight: no settle will cut a wait for a quiet source short, so what is ready goes out first.
      if (e.inFlight === 0) yield* handOut(e);
      let step: IteratorResult<unknown> | typeof WOKE | undefined;
      try {
        // A sync source is read without a promise per message.
        const next = reader.next();
        step = next instanceof Promise ? await wait(e, next) : next;
      } catch (error) {
        failure = { error };
        break;
      }
      if (step === WOKE) {
        if (linger.lapsed()) {
          linger.stop();
          releaseLoose(e);
          const partial = batcher.flush();
          if (partial) yield* sendWhenRoom(e, partial);
        }
        yield* handOut(e);
        continue;
      }
      if (!step || step.done) break;
      // Only rejected and not-sent results can outgrow the slots; they are handed out as they do.
      while (e.ready.length > 0 && e.inFlight + e.ready.length > e.concurrency) yield e.ready.shift()!;
      const full = admit(e, step.value);
      if (full) {
        // A new batch's wait starts with the message that opens it.
        linger.stop();
        yield* sendWhenRoom(e, full);
      }
      // Single results are held with the batch being filled: together they never pass one request's worth.
      if (e.loose.length > 0 && e.loose.length + batcher.size() >= LIMITS.maxMessagesPerRequest)
        releaseLoose(e);
      if (batcher.size() > 0 || e.loose.length > 0) linger.start();
    }
  } finally {
    linger.stop();
    reader.close();
  }
  yield* finish(e, failure);
}

/** After the last read: the batch being filled goes (or, if the source threw, is not sent), every result out. */
async function* finish(
  e: Engine,
  failure: { error: unknown } | undefined,
): AsyncGenerator<SendResult[], void, undefined> {
  const last = e.batcher.flush();
  if (last && failure) {
    const error = new UsageError('The message source threw; the messages read before it were not sent', {
      cause: failure.error,
      retryable: true,
    });
    e.ready.push(last.map((m) => sendResult(m, 'not-sent', { error })));
  } else if (last) {
    yield* sendWhenRoom(e, last);
  }
  yield* makeRoom(e, 0);
  // An item the source handed over after the abort, while the requests in flight settled: not sent either.
  const late = e.reader.late();
  if (late)
    e.loose.push(sendResult(describeMessage(late.value, e.index++), 'not-sent', { error: halted(e) }));
  releaseLoose(e);
  yield* handOut(e);
  if (failure) {
    throw failure.error instanceof Error
      ? failure.error
      : new UsageError('The message source threw a non-Error', { cause: failure.error });
  }
}

/**
 * Runs one send over `source`. Requests run under the caller's signal and `leave` (the consumer stopped reading
 * results): after either, requests in flight are dropped and no retry goes out. The engine stops after an error
 * that ends the send (the failure rules' `stopsSend`): every later message is read and reported `not-sent`.
 * After the caller aborts, the messages already read are reported `not-sent` (or `unknown` if in flight) and the
 * source is not read further. If the source throws, the messages read are settled, then it rethrows.
 */
export async function* runEngine(
  source: Iterable<unknown> | AsyncIterable<unknown>,
  config: ClientConfig,
  options: EngineOptions,
  leave?: AbortSignal,
): AsyncGenerator<SendResult[], void, undefined> {
  const { signal, encryptionKey } = options;
  const requests = new AbortController();
  const stopRequests = () => requests.abort(signal?.aborted ? signal.reason : undefined);
  for (const s of [signal, leave]) {
    if (s?.aborted) stopRequests();
    else s?.addEventListener('abort', stopRequests, { once: true });
  }
  // One API pairs answers without an id by number: a request never carries one number twice.
  const batcher = createBatcher<PreparedMessage>({ encryptionKey, distinctTo: config.api === 'one' });
  const reader = readSource(source, signal);
  const engine: Engine = {
    signal,
    concurrency: options.concurrency,
    reader,
    batcher,
    prepare: {
      api: config.api,
      encrypted: Boolean(encryptionKey),
      templates: config.templates,
      fits: batcher.fits,
      maxBytes: LIMITS.maxRequestBytes,
    },
    // A sync source never keeps the engine waiting: nothing to time.
    linger: createLinger(reader.waits ? options.lingerMs : Number.POSITIVE_INFINITY, reader.wake),
    run: { signal: requests.signal, encryptionKey, stopped: () => halted(engine) },
    config,
    inFlight: 0,
    ready: [],
    loose: [],
    stop: undefined,
    notSent: undefined,
    settled: undefined,
    onSettled: undefined,
    index: 0,
  };
  let finished = false;
  try {
    yield* pump(engine);
    finished = true;
  } finally {
    signal?.removeEventListener('abort', stopRequests);
    leave?.removeEventListener('abort', stopRequests);
    if (!finished) requests.abort();
  }
}
