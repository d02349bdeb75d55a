import { isNewerStatus, normalizeMsisdn, type StatusPoint, sha256Hex } from '@clickwa/core';
import { Hono } from 'hono';
import { clientIpOf } from '../client-ip.ts';
import { connectionResetFailure } from '../connection-reset.ts';
import { createFaultPicker, FAULT_HEADER, FAULT_KINDS } from '../faults.ts';
import type { Integration } from '../integrations.ts';
import { normalizeIp } from '../integrations.ts';
import type { Platform } from '../platform.ts';
import { hold } from '../routes/send.ts';
import type { MessageRecord } from '../store.ts';
import { acceptOneApiRequest } from './accept-one-api-request.ts';
import {
  globalError,
  messagesAnswer,
  type OneApiAnswer,
  type OneApiMessageResult,
  oneApiError,
  oneApiResponse,
} from './one-api-answer.ts';
import { newFileId } from './one-api-inbound.ts';
import { ONE_API_MEDIA_LIMITS, oneApiMediaType } from './one-api-media-types.ts';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * The integration a One API request speaks for, or the refusal: 401 with 1 for a missing key, a key of no
 * integration or of a legacy one (each integration is of one kind); 400 with 2 (account) or 3 (integration)
 * inactive; 401 with 7 outside an IP allow-list (One API has one lockdown code for both lists).
 */
function authenticate(
  platform: Platform,
  request: Request,
  clientIp: string | undefined,
): Integration | OneApiAnswer {
  const key = request.headers.get('authorization')?.trim();
  const integration = key ? platform.byKey(key) : undefined;
  if (integration?.api !== 'one') return globalError(1);
  if (!platform.options.accountActive) return globalError(2);
  if (!integration.active) return globalError(3);
  const ip = clientIp === undefined ? undefined : normalizeIp(clientIp);
  const { ipAllowList } = platform.options;
  if (ipAllowList && !(ip && ipAllowList.has(ip))) return globalError(7);
  if (integration.ipAllowList && !(ip && integration.ipAllowList.has(ip))) return globalError(7);
  return integration;
}

const isAnswer = (x: Integration | OneApiAnswer): x is OneApiAnswer => 'body' in x;

/**
 * The status `GET /v1/message/{id}` reports: the latest by the core's One API order among those called back
 * so far, or QUEUED at acceptance before the first one.
 */
function currentStatus(record: MessageRecord): { status: string; timestamp: number } {
  let current: (StatusPoint & { status: string }) | null = null;
  for (const s of record.statuses) {
    const point = { code: s.statusCode, timestamp: s.timestamp, api: 'one' as const, status: s.status };
    if (isNewerStatus(current, point)) current = point;
  }
  return current
    ? { status: current.status, timestamp: current.timestamp }
    : { status: 'QUEUED', timestamp: record.acceptedAt };
}

/**
 * The answer for a message the platform does not know. One API says only that its format differs ("there is
 * no channel") and that the timestamp is the current time; this shape is the emulator's reading.
 */
export function unknownMessageStatus(now: number): { status: 'UNKNOWN'; timestamp: number } {
  return { status: 'UNKNOWN', timestamp: now };
}

/** The held answer of the `timeout` faults: 504 after `faultTimeoutMs` (503 when the emulator closes). */
async function noAnswerInTime(platform: Platform, request: Request): Promise<Response> {
  const why = await hold(platform.options.faultTimeoutMs, request.signal, platform.closed);
  if (why === 'aborted') return platform.fail(request.signal.reason);
  return json({ error: 'No answer in time (emulated fault)' }, why === 'closed' ? 503 : 504);
}

/**
 * One API (`https://platform.clickatell.com/v1/...`) for integrations with `api: 'one'`: send, status query,
 * media upload, metadata and download, and the business read notification. Faults act on `POST /v1/message`
 * as on the legacy send, in One API's terms: `901` answers 503 with 19 ("please retry"), `500` answers 500
 * with 18 (never resent: it may follow acceptance), `429` answers 43 "Rate limit" with HTTP 400 (One API has
 * no 429); the timeouts and resets are the same.
 */
export function oneApiRoutes(platform: Platform): Hono {
  const { options, store } = platform;
  const pickFault = createFaultPicker(options.chaos, () => platform.random('faults'));
  const app = new Hono();

  app.post('/v1/message', async (c) => {
    const request = c.req.raw;
    store.counters.requests++;
    const pick = pickFault(request);
    if (pick.invalid !== undefined) {
      return json(
        { error: `${FAULT_HEADER} "${pick.invalid}" is not one of ${FAULT_KINDS.join(', ')}` },
        400,
      );
    }
    const { fault } = pick;
    if (fault) store.countFault(fault);
    if (fault === '901') return oneApiResponse(globalError(19));
    if (fault === '500') return oneApiResponse(globalError(18));
    if (fault === '429') return oneApiResponse(globalError(43));
    if (fault === 'timeout') return noAnswerInTime(platform, request);
    if (fault === 'reset-before') return platform.fail(connectionResetFailure('before'));
    const answer = await send(request, clientIpOf(request, c.env));
    if ('error' in answer.body && answer.body.error) {
      store.counters.rejectedRequests++;
      store.countError(answer.body.error.code, 1);
    }
    if (fault === 'reset-after') return platform.fail(connectionResetFailure('after'));
    if (fault === 'timeout-after') return noAnswerInTime(platform, request);
    return oneApiResponse(answer);
  });

  async function send(request: Request, clientIp: string | undefined): Promise<OneApiAnswer> {
    const integration = authenticate(platform, request, clientIp);
    if (isAnswer(integration)) return integration;
    // A full queue answers 19 before the body is read: a busy platform sheds load cheaply.
    if (platform.dispatcher.pending >= options.maxPendingCallbacks) return globalError(19);
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return globalError(21);
    }
    return await acceptOneApiRequest(platform, integration, body);
  }

  app.get('/v1/message/:messageId', (c) => {
    const integration = authenticate(platform, c.req.raw, clientIpOf(c.req.raw, c.env));
    if (isAnswer(integration)) return oneApiResponse(integration);
    const record = store.getMessage(c.req.param('messageId').trim().toLowerCase());
    if (!record || record.integration.id !== integration.id) return json(unknownMessageStatus(options.now()));
    return json({ whatsapp: currentStatus(record) });
  });

  app.post('/v1/media', async (c) => {
    const request = c.req.raw;
    const integration = authenticate(platform, request, clientIpOf(request, c.env));
    if (isAnswer(integration)) return oneApiResponse(integration);
    const fileName = c.req.query('fileName')?.trim();
    if (!fileName) return oneApiResponse(globalError(23, 'fileName'));
    const contentType = request.headers.get('content-type')?.trim() ?? '';
    if (!oneApiMediaType(contentType)) return oneApiResponse(globalError(30));
    const limit = ONE_API_MEDIA_LIMITS.uploadBytes;
    if (Number(request.headers.get('content-length') ?? 0) > limit) {
      return oneApiResponse(globalError(31, limit / 1e6));
    }
    const toParam = c.req.query('to');
    let to: string | null = null;
    if (toParam !== undefined && toParam.trim() !== '') {
      const normalized = normalizeMsisdn(toParam);
      if (!normalized.success) return oneApiResponse(globalError(25, toParam.trim()));
      to = normalized.output;
    }
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > limit) return oneApiResponse(globalError(31, limit / 1e6));
    if (bytes.byteLength === 0) return oneApiResponse(globalError(23, 'body'));
    const now = options.now();
    const fileId = newFileId(platform, contentType);
    platform.media.put({
      fileId,
      integrationId: integration.id,
      contentType: contentType.split(';')[0]!.trim().toLowerCase(),
      fileName,
      bytes,
      sha256Hash: await sha256Hex(bytes),
      uploadedAt: now,
      expiresAt: now + ONE_API_MEDIA_LIMITS.keepDays * 86_400_000,
      broadcastAllowed: to === null && c.req.query('broadcastAllowed')?.trim().toLowerCase() !== 'false',
      to,
      source: 'upload',
    });
    return json({ fileId, accepted: true, error: null });
  });

  app.get('/v1/media/:fileId', (c) => {
    const integration = authenticate(platform, c.req.raw, clientIpOf(c.req.raw, c.env));
    if (isAnswer(integration)) return oneApiResponse(integration);
    const file = platform.media.get(c.req.param('fileId'), options.now());
    if (!file || file.integrationId !== integration.id)
      return oneApiResponse({ ...globalError(33), status: 404 });
    // Seconds, as One API's only example (10 digits) shows.
    return json({
      expirationTime: Math.floor(file.expiresAt / 1000),
      broadcastAllowed: file.broadcastAllowed,
    });
  });

  app.get('/v1/media', async (c) => {
    // A run-time fault of `route: 'media'`: the download fails as a send would, then recovers.
    const fault = await platform.faultRules.take(c.req.raw, 'media');
    if (fault) store.countFault(fault);
    if (fault === '901') return oneApiResponse(globalError(19));
    if (fault === '500') return oneApiResponse(globalError(18));
    if (fault === '429') return oneApiResponse(globalError(43));
    if (fault === 'timeout' || fault === 'timeout-after') return noAnswerInTime(platform, c.req.raw);
    if (fault === 'reset-before' || fault === 'reset-after')
      return platform.fail(connectionResetFailure(fault === 'reset-before' ? 'before' : 'after'));
    const integration = authenticate(platform, c.req.raw, clientIpOf(c.req.raw, c.env));
    if (isAnswer(integration)) return oneApiResponse(integration);
    const fileId = c.req.query('fileId')?.trim();
    const hash = c.req.query('sha256Hash')?.trim().toLowerCase();
    if (!fileId) return oneApiResponse(globalError(23, 'fileId'));
    const file = platform.media.get(fileId, options.now());
    if (!file || file.integrationId !== integration.id)
      return oneApiResponse({ ...globalError(33), status: 404 });
    if (hash !== undefined && hash !== file.sha256Hash) return oneApiResponse(globalError(23, 'sha256Hash'));
    return new Response(file.bytes.slice(), {
      headers: { 'content-type': file.contentType, 'content-length': String(file.bytes.byteLength) },
    });
  });

  app.post('/v1/notification', async (c) => {
    const request = c.req.raw;
    const integration = authenticate(platform, request, clientIpOf(request, c.env));
    if (isAnswer(integration)) return oneApiResponse(integration);
    let body: unknown;
    try {
      body = JSON.parse(await request.text());
    } catch {
      return oneApiResponse(globalError(21));
    }
    return oneApiResponse(markRead(integration, body));
  });

  /**
   * The read notification. Its body is not documented; the emulator takes `{ messageId }` (the user message
   * read, as its callback named it), also as `{ messages: [{ messageId }] }`, with any `channel` and
   * `statusCode`; an id that is no user message of this integration is 23 for that entry.
   */
  function markRead(integration: Integration, body: unknown): OneApiAnswer {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return globalError(21);
    const { messages } = body as { messages?: unknown };
    const items = Array.isArray(messages) ? messages : [body];
    if (items.length === 0) return globalError(21);
    const inbound = new Map([...store.inbound()].map((m) => [m.messageId, m]));
    const now = options.now();
    const results: OneApiMessageResult[] = items.map((item) => {
      const id = (item as { messageId?: unknown } | null)?.messageId;
      const record = typeof id === 'string' ? inbound.get(id.trim()) : undefined;
      if (!record || record.integration.id !== integration.id) {
        return { accepted: false, to: '', error: oneApiError(23, 'messageId') };
      }
      record.readAt ??= now;
      return { messageId: record.messageId, accepted: true, to: record.from, error: null };
    });
    return messagesAnswer(results, options.oneApi.multiStatus);
  }

  app.get('/_emulator/media', (c) =>
    c.json({
      files: [...platform.media.list()].map(({ bytes, ...file }) => ({
        ...file,
        byteSize: bytes.byteLength,
      })),
    }),
  );
  // A resource One API has, with a method it does not take: 42. Anything else under /v1: 404 with 41.
  for (const path of ['/v1/message', '/v1/media', '/v1/notification']) {
    app.all(path, () => oneApiResponse(globalError(42)));
  }
  app.all('/v1/*', () => oneApiResponse({ ...globalError(41), status: 404 }));
  return app;
}
