import { backoffDelay, parseRetryAfter } from './backoff.ts';
import { classifyFetchError, safeCause } from './classify-fetch-error.ts';
import type { ClientConfig } from './client-config.ts';
import { AbortError, type ClickwaError, TransportError } from './errors.ts';
import { type AttemptOutcome, FAILURE_RULES, notSentError, settle } from './failure-rules.ts';
import type { PreparedMessage } from './prepare-message.ts';
import { readAnswer } from './read-answer.ts';
import { requestBody } from './request-body.ts';
import { type SendResult, sendResult } from './send-result.ts';
import { attemptSignal, sleep } from './timeout.ts';

/** What a batch reads of its send: the caller's signal, the encryption key, and whether the send has stopped. */
export interface BatchRun {
  readonly signal?: AbortSignal;
  readonly encryptionKey?: string;
  /** The error of messages not sent because the send has stopped (another batch ended it), if it has. */
  readonly stopped: () => ClickwaError | undefined;
}

/** The settled batch: one result per message, in input order, and an error that ends the send. */
export interface BatchOutcome {
  readonly results: SendResult[];
  readonly stop?: ClickwaError;
}

const aborted = (signal: AbortSignal) => new AbortError({ cause: signal.reason, retryable: true });

async function attempt(
  messages: readonly PreparedMessage[],
  number: number,
  config: ClientConfig,
  run: BatchRun,
): Promise<AttemptOutcome<PreparedMessage>> {
  const { signal } = run;
  const notSent = (s: AbortSignal) =>
    settle(messages, { condition: 'aborted-before-send', error: aborted(s) });
  if (signal?.aborted) return notSent(signal);
  // Encrypted text and templates carry their data key's blob; a batch holds one (the batcher sees to it).
  const body = requestBody(messages, messages.find((m) => m.requestKey)?.requestKey ?? run.encryptionKey);
  const messageCount = messages.length;
  config.hook.request(() => ({
    url: config.url,
    method: 'POST',
    headers: config.shownHeaders,
    body,
    attempt: number,
    messageCount,
  }));
  // The hook may have aborted the caller's signal: nothing has left yet.
  if (signal?.aborted) return notSent(signal);
  const timing = attemptSignal(signal, config.timeoutMs);
  const failed = (error: unknown, responded: boolean) =>
    settle(
      messages,
      classifyFetchError(error, {
        callerAborted: timing.callerAborted(),
        timedOut: timing.timedOut(),
        timeoutMs: config.timeoutMs,
        reason: signal?.reason,
        redact: config.redact,
        responded,
      }),
    );
  const started = Date.now();
  let response: Response;
  let text: string | undefined;
  try {
    const init = {
      method: 'POST',
      headers: config.headers,
      body,
      signal: timing.signal,
      redirect: config.redirect,
    };
    try {
      response = await timing.guard(config.fetch(config.url, init));
    } catch (error) {
      return failed(error, false);
    }
    try {
      text = await timing.guard(response.text());
    } catch (error) {
      // A 429 needs no body to be understood.
      if (response.status !== 429) return failed(error, true);
    }
  } finally {
    timing.release();
  }
  const { status, headers } = response;
  config.hook.response(() => ({
    url: config.url,
    status,
    headers,
    body: text === undefined ? undefined : config.redact(text),
    attempt: number,
    messageCount,
    durationMs: Date.now() - started,
  }));
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'), Date.now(), config.retry.maxRetryAfterMs);
  return readAnswer(messages, { api: config.api, status, text, retryAfterMs, redact: config.redact });
}

/** Why messages due for a retry are not sent again: the requests were stopped, or the send ended. */
function halted(run: BatchRun, ownStop: ClickwaError | undefined): ClickwaError | undefined {
  if (run.signal?.aborted) return aborted(run.signal);
  return run.stopped() ?? (ownStop && notSentError(ownStop));
}

async function sendAttempts(
  batch: readonly PreparedMessage[],
  config: ClientConfig,
  run: BatchRun,
  results: SendResult[],
): Promise<ClickwaError | undefined> {
  let stop: ClickwaError | undefined;
  let pending = batch;
  for (let number = 1; ; number++) {
    const outcome = await attempt(pending, number, config, run);
    results.push(...outcome.done);
    stop ??= outcome.stop;
    if (!outcome.retry) return stop;
    const { messages, failure } = outcome.retry;
    let halt = halted(run, stop);
    if (!halt && number <= config.maxRetries) {
      const delayMs = failure.retryAfterMs ?? backoffDelay(number - 1, config.retry);
      config.hook.retry(() => ({
        attempt: number + 1,
        delayMs,
        error: failure.error,
        messageCount: messages.length,
      }));
      await sleep(delayMs, run.signal);
      // The caller may have aborted, or another batch stopped the send (an invalid key), while this one waited.
      halt = halted(run, stop);
      if (!halt) {
        pending = messages;
        continue;
      }
    }
    if (halt) {
      results.push(...messages.map((m) => sendResult(m, 'not-sent', { error: halt })));
      return stop;
    }
    // The retries ran out.
    const rule = FAILURE_RULES[failure.condition];
    results.push(...messages.map((m) => sendResult(m, rule.outcome, { error: failure.error })));
    return stop ?? (rule.stopsSend ? failure.error : undefined);
  }
}

/**
 * Sends one batch: one request, sent again while the failure rules say `now` (nothing can have been accepted),
 * each retry carrying only the messages still unanswered, with the same `clientMessageId`s. Never rejects:
 * every failure becomes per-message results.
 */
export async function sendBatch(
  batch: readonly PreparedMessage[],
  config: ClientConfig,
  run: BatchRun,
): Promise<BatchOutcome> {
  const results: SendResult[] = [];
  let stop: ClickwaError | undefined;
  try {
    stop = await sendAttempts(batch, config, run, results);
  } catch (error) {
    // Not expected (every step above catches its own failures); a message without a result may have been sent.
    const settled = new Set(results.map((r) => r.index));
    const lost = new TransportError(
      'unknown',
      'Unexpected failure while sending; the messages may have been accepted',
      {
        cause: safeCause(error, config.redact),
      },
    );
    const { outcome } = FAILURE_RULES.unexpected;
    for (const m of batch) if (!settled.has(m.index)) results.push(sendResult(m, outcome, { error: lost }));
  }
  results.sort((a, b) => a.index - b.index);
  return stop ? { results, stop } : { results };
}
