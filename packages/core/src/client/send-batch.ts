import { type AttemptOutcome, failAll, settle } from './attempt-outcome.ts';
import { classifyFetchError, refusesRedirectError, safeCause } from './classify-fetch-error.ts';
import { AbortError, type ClickwaError, TransportError } from './errors.ts';
import { interpretResponse } from './interpret-response.ts';
import type { PreparedMessage } from './prepare-message.ts';
import { requestBody } from './request-body.ts';
import { backoffDelay, parseRetryAfter } from './retry-policy.ts';
import type { SendContext } from './send-context.ts';
import { type SendResult, sendResult } from './send-result.ts';
import { attemptSignal, sleep } from './timeout.ts';

/** Per-call state a batch reads: the caller's signal, the encryption key, and whether another batch stopped sending. */
export interface BatchRun {
  readonly signal?: AbortSignal;
  readonly encryptionKey?: string;
  readonly stopped: () => ClickwaError | undefined;
}

/** The settled batch: one result per message, in input order, and an error that must stop later requests. */
export interface BatchOutcome {
  readonly results: SendResult[];
  readonly stop?: ClickwaError;
}

const aborted = (signal: AbortSignal) => new AbortError({ cause: signal.reason, retryable: true });

async function attempt(
  messages: readonly PreparedMessage[],
  number: number,
  ctx: SendContext,
  run: BatchRun,
): Promise<AttemptOutcome<PreparedMessage>> {
  const notSent = (signal: AbortSignal) =>
    failAll(messages, { error: aborted(signal), outcome: 'not-sent', retry: false, stop: true });
  if (run.signal?.aborted) return notSent(run.signal);
  const body = requestBody(messages, run.encryptionKey);
  const messageCount = messages.length;
  ctx.hook.request(() => ({
    url: ctx.url,
    method: 'POST',
    headers: ctx.shownHeaders,
    body,
    attempt: number,
    messageCount,
  }));
  // The hook may have aborted the caller's signal: nothing has left yet.
  if (run.signal?.aborted) return notSent(run.signal);
  const timing = attemptSignal(run.signal, ctx.timeoutMs);
  const started = Date.now();
  const context = () => ({
    callerAborted: timing.callerAborted(),
    timedOut: timing.timedOut(),
    timeoutMs: ctx.timeoutMs,
    reason: run.signal?.reason,
    redact: ctx.redact,
  });
  let response: Response;
  let text: string | undefined;
  try {
    for (;;) {
      const redirect = ctx.redirect.mode;
      try {
        response = await timing.guard(
          ctx.fetch(ctx.url, { method: 'POST', headers: ctx.headers, body, signal: timing.signal, redirect }),
        );
        break;
      } catch (error) {
        // A `fetch` that does not take 'error' (Cloudflare Workers) refused it before sending anything.
        if (redirect === 'error' && refusesRedirectError(error)) ctx.redirect.mode = 'manual';
        else return failAll(messages, classifyFetchError(error, context()));
      }
    }
    try {
      text = await timing.guard(response.text());
    } catch (error) {
      // A 429 needs no body to be understood; anything else without its body may have been accepted.
      if (response.status !== 429)
        return failAll(messages, classifyFetchError(error, { ...context(), responded: true }));
    }
  } finally {
    timing.release();
  }
  const { status, headers } = response;
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), Date.now(), ctx.retry.maxRetryAfterMs);
  const durationMs = Date.now() - started;
  ctx.hook.response(() => ({
    url: ctx.url,
    status,
    headers,
    body: text === undefined ? undefined : ctx.redact(text),
    attempt: number,
    messageCount,
    durationMs,
  }));
  return interpretResponse(messages, { status, text, retryAfterMs, redact: ctx.redact });
}

async function run(
  batch: readonly PreparedMessage[],
  ctx: SendContext,
  options: BatchRun,
  results: SendResult[],
) {
  const { signal } = options;
  let stop: ClickwaError | undefined;
  let pending = batch;
  for (let number = 1; ; number++) {
    const outcome = await attempt(pending, number, ctx, options);
    results.push(...outcome.done);
    stop ??= outcome.stop;
    if (!outcome.failed) return stop;
    const { messages, failure } = outcome.failed;
    if (failure.retry && number <= ctx.maxRetries) {
      // A retryable failure accepted nothing: if the client is stopping, these messages were just not sent.
      let halt = signal?.aborted ? aborted(signal) : (options.stopped() ?? stop);
      if (!halt) {
        const delayMs = failure.retryAfterMs ?? backoffDelay(number - 1, ctx.retry);
        ctx.hook.retry(() => ({
          attempt: number + 1,
          delayMs,
          error: failure.error,
          messageCount: messages.length,
        }));
        if (!(await sleep(delayMs, signal))) halt = aborted(signal!);
        // Another batch may have stopped the send (an invalid key) while this one waited.
        else halt = options.stopped();
        if (!halt) {
          pending = messages;
          continue;
        }
      }
      results.push(...messages.map((m) => sendResult(m, 'not-sent', { error: halt })));
      return stop;
    }
    results.push(...settle(messages, failure));
    return stop ?? (failure.stop ? failure.error : undefined);
  }
}

/**
 * Sends one batch: one request, retried while nothing can have been accepted (901, 429, connect-phase
 * errors), each retry carrying only the messages still unanswered, with the same `clientMessageId`s.
 * Never rejects: every failure becomes per-message results.
 */
export async function sendBatch(
  batch: readonly PreparedMessage[],
  ctx: SendContext,
  options: BatchRun,
): Promise<BatchOutcome> {
  const results: SendResult[] = [];
  let stop: ClickwaError | undefined;
  try {
    stop = await run(batch, ctx, options, results);
  } catch (error) {
    // Not expected (every step above catches its own failures); a message without a result may have been sent.
    const settled = new Set(results.map((r) => r.index));
    const lost = new TransportError(
      'unknown',
      'Unexpected failure while sending; the messages may have been accepted',
      { cause: safeCause(error, ctx.redact) },
    );
    for (const m of batch) if (!settled.has(m.index)) results.push(sendResult(m, 'unknown', { error: lost }));
  }
  results.sort((a, b) => a.index - b.index);
  return stop ? { results, stop } : { results };
}
