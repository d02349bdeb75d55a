import { LIMITS } from '../limits.ts';
import { createBatcher } from './batch.ts';
import { AbortError, type ClickwaError, UsageError } from './errors.ts';
import { describeMessage, type PreparedMessage, prepareMessage } from './prepare-message.ts';
import { readSource } from './read-source.ts';
import { type BatchRun, sendBatch } from './send-batch.ts';
import type { SendContext } from './send-context.ts';
import { type SendResult, sendResult } from './send-result.ts';

/** Per-call options of `runSend`, already checked. */
export interface RunSendOptions {
  readonly signal?: AbortSignal;
  readonly encryptionKey?: string;
  readonly concurrency: number;
}

/**
 * The engine of `send` and `sendAll`: reads messages one at a time, validates and batches them, keeps at
 * most `concurrency` requests in flight (plus the batch being filled: nothing else is held), and yields
 * results in arrays as batches settle: a batch's results in input order, batches in the order they finish.
 * Arrays rather than single results, so `send` pays no per-message async step; `sendAll` flattens them.
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
): AsyncGenerator<SendResult[], void, undefined> {
  const { signal, encryptionKey, concurrency } = options;
  const batcher = createBatcher<PreparedMessage>({ encryptionKey });
  const prepare = {
    encrypted: Boolean(encryptionKey),
    templates: ctx.templates,
    fits: batcher.fits,
    maxBytes: LIMITS.maxRequestBytes,
  };
  const inFlight = new Set<Promise<void>>();
  // Settled batches waiting to be handed out, and single results (rejected, not-sent) gathered into arrays.
  const ready: SendResult[][] = [];
  let loose: SendResult[] = [];
  let wake: (() => void) | undefined;
  let stop: ClickwaError | undefined;
  let abortError: AbortError | undefined;

  // The reason a message is not sent: the caller's abort first, so its error says "safe to send again".
  const halted = (): ClickwaError | undefined => {
    if (!signal?.aborted) return stop;
    abortError ??= new AbortError({ cause: signal.reason, retryable: true });
    return abortError;
  };
  const addLoose = (result: SendResult) => {
    loose.push(result);
    if (loose.length < LIMITS.maxMessagesPerRequest) return;
    ready.push(loose);
    loose = [];
  };
  // The settled arrays, as they are: copying them into one would cost a step per message.
  const take = (): SendResult[][] => ready.splice(0);
  const settled = () =>
    ready.length > 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          wake = resolve;
        });
  const run: BatchRun = { signal, encryptionKey, stopped: () => stop };
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
      const w = wake;
      wake = undefined;
      w?.();
    });
    inFlight.add(done);
  };

  let failure: { error: unknown } | undefined;
  let index = 0;
  const reader = readSource(source, signal);
  let open = true;
  try {
    for (;;) {
      let step: IteratorResult<unknown> | Promise<IteratorResult<unknown> | undefined> | undefined;
      try {
        step = reader.next();
        if (step instanceof Promise) step = await step;
      } catch (error) {
        open = false;
        failure = { error };
        break;
      }
      if (step?.done) open = false;
      if (!step || step.done) break;
      if (ready.length > 0) yield* take();
      const i = index++;
      const error = halted();
      if (error) {
        addLoose(sendResult(describeMessage(step.value, i), 'not-sent', { error }));
        if (signal?.aborted) break;
        continue;
      }
      const prepared = prepareMessage(step.value, i, prepare);
      if (!('json' in prepared)) {
        addLoose(prepared);
        continue;
      }
      const full = batcher.add(prepared);
      if (!full) continue;
      while (inFlight.size >= concurrency) {
        await settled();
        yield* take();
      }
      launch(full);
    }
  } finally {
    // Reached on abort, and when the consumer stops iterating early: the source is told to clean up.
    if (open) reader.close();
  }
  const last = batcher.flush();
  if (last && failure) {
    const error = new UsageError('The message source threw; the messages read before it were not sent', {
      cause: failure.error,
      retryable: true,
    });
    ready.push(last.map((m) => sendResult(m, 'not-sent', { error })));
  } else if (last) {
    while (inFlight.size >= concurrency) {
      await settled();
      yield* take();
    }
    launch(last);
  }
  while (inFlight.size > 0) {
    await settled();
    yield* take();
  }
  if (loose.length > 0) ready.push(loose);
  yield* take();
  if (failure) {
    throw failure.error instanceof Error
      ? failure.error
      : new UsageError('The message source threw a non-Error', { cause: failure.error });
  }
}
