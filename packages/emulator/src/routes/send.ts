import { LIMITS } from '@clickwa/core';
import { Hono } from 'hono';
import { acceptRequest } from '../accept-request.ts';
import { clientIpOf } from '../client-ip.ts';
import { connectionResetFailure } from '../connection-reset.ts';
import { createFaultPicker, FAULT_HEADER, FAULT_KINDS } from '../faults.ts';
import { normalizeIp } from '../integrations.ts';
import { jsonDepthExceeds } from '../internal/json-depth-exceeds.ts';
import { readCappedText } from '../internal/read-capped-text.ts';
import type { Platform } from '../platform.ts';
import { plainAnswer, requestError, type SendAnswer } from '../send-answer.ts';

/**
 * Bodies larger than this get 105: by Content-Length unread, chunked ones as soon as they pass it while
 * streaming, so no one buffers 100 MB to refuse it.
 */
const MAX_BODY_BYTES = LIMITS.maxRequestBytes * 2.5;
/** A send request is a few levels deep; one nested past this is malformed, answered 400 like bad JSON. */
const MAX_JSON_DEPTH = 64;

/** Serializes an answer. Plain `Response`, not `c.json`: this is the hot path of the benchmark. */
export function toResponse(answer: SendAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...answer.headers },
  });
}

/** Waits `ms`, or until the client gives up or the emulator closes; says which (One API holds requests too). */
export function hold(
  ms: number,
  client: AbortSignal,
  closed: AbortSignal,
): Promise<'elapsed' | 'aborted' | 'closed'> {
  return new Promise((resolve) => {
    const done = (why: 'elapsed' | 'aborted' | 'closed') => {
      clearTimeout(timer);
      client.removeEventListener('abort', onAbort);
      closed.removeEventListener('abort', onClose);
      resolve(why);
    };
    const onAbort = () => done('aborted');
    const onClose = () => done('closed');
    const timer = setTimeout(() => done('elapsed'), ms);
    if (client.aborted) return done('aborted');
    if (closed.aborted) return done('closed');
    client.addEventListener('abort', onAbort);
    closed.addEventListener('abort', onClose);
  });
}

/**
 * The `timeout` faults: holds the answer for `faultTimeoutMs`, then 504 (503 if the emulator closes first).
 * A client that gives up first sees its own abort: in-process a rejection, on the wire a closed socket.
 */
async function noAnswerInTime(platform: Platform, request: Request): Promise<Response> {
  const why = await hold(platform.options.faultTimeoutMs, request.signal, platform.closed);
  if (why === 'aborted') return platform.fail(request.signal.reason);
  return toResponse(plainAnswer(why === 'closed' ? 503 : 504, 'No answer in time (emulated fault)'));
}

/** Authentication, account and IP checks, body parsing, then the core's validation. */
async function handleSend(
  platform: Platform,
  request: Request,
  clientIp: string | undefined,
): Promise<SendAnswer> {
  const { options } = platform;
  // The header carries the integration's API key itself (spec 7.1.1), nothing else: a `Bearer ` prefix is
  // refused, so a client that adds one fails here and not first in production.
  const key = request.headers.get('authorization')?.trim();
  const integration = key ? platform.byKey(key) : undefined;
  // Each integration speaks one API: a One API key is no key here.
  if (integration?.api !== 'wa') return requestError(1);
  if (!options.accountActive) return requestError(3);
  if (!integration.active) return requestError(2);
  const ip = clientIp === undefined ? undefined : normalizeIp(clientIp);
  if (options.ipAllowList && !(ip && options.ipAllowList.has(ip))) return requestError(7);
  if (integration.ipAllowList && !(ip && integration.ipAllowList.has(ip)))
    return requestError(109, ip ?? 'unknown');
  // A full queue answers 901 before the body is even read: a busy platform sheds load cheaply.
  if (platform.dispatcher.pending >= options.maxPendingCallbacks) return requestError(901);
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return requestError(105);
  const text = await readCappedText(request, MAX_BODY_BYTES);
  if (text === undefined) return requestError(105);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return plainAnswer(400, `Malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (jsonDepthExceeds(json, MAX_JSON_DEPTH)) {
    return plainAnswer(400, `Malformed JSON: nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  return acceptRequest(platform, integration, json, ip);
}

/**
 * `POST /wa/messages` (spec 7.1): faults first (header, run-time rule or seeded chaos), then the platform's own answer.
 * 901, 500, 429, `timeout` and `reset-before` answer before anything is recorded; `reset-after` and
 * `timeout-after` record, then drop the connection or hold the answer.
 */
export function sendRoutes(platform: Platform): Hono {
  const { options, store } = platform;
  const pickFault = createFaultPicker(options.chaos, () => platform.random('faults'));
  const app = new Hono();
  app.post('/wa/messages', async (c) => {
    const request = c.req.raw;
    store.counters.requests++;
    const pick = pickFault(request);
    if (pick.invalid !== undefined) {
      return toResponse(
        plainAnswer(400, `${FAULT_HEADER} "${pick.invalid}" is not one of ${FAULT_KINDS.join(', ')}`),
      );
    }
    // Chaos has drawn already (one draw per request); a rule set at run time wins over it, the header over both.
    const ruled = request.headers.has(FAULT_HEADER) ? undefined : await platform.faultRules.take(request);
    const fault = ruled ?? pick.fault;
    if (fault) store.countFault(fault);
    if (fault === '901') return toResponse(requestError(901));
    if (fault === '500') return toResponse(plainAnswer(500, 'Internal Server Error (emulated fault)'));
    if (fault === '429') {
      const headers = { 'retry-after': String(options.retryAfterSeconds) };
      return toResponse(plainAnswer(429, 'Too Many Requests (emulated fault)', headers));
    }
    if (fault === 'timeout') return noAnswerInTime(platform, request);
    if (fault === 'reset-before') return platform.fail(connectionResetFailure('before'));
    const answer = await handleSend(platform, request, clientIpOf(request, c.env));
    if (answer.body.errorCode !== null) {
      store.counters.rejectedRequests++;
      store.countError(answer.body.errorCode, 1);
    }
    if (fault === 'reset-after') return platform.fail(connectionResetFailure('after'));
    if (fault === 'timeout-after') return noAnswerInTime(platform, request);
    return toResponse(answer);
  });
  return app;
}
