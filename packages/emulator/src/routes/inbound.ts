import { normalizeMsisdn } from '@clickwa/core';
import { Hono } from 'hono';
import type { InboundContent } from '../callback-bodies.ts';
import { encryptInbound } from '../kms/encrypt-inbound.ts';
import { oneApiInboundExtras } from '../one-api/one-api-inbound.ts';
import type { Platform } from '../platform.ts';
import { simulateInbound } from '../simulate-inbound.ts';

type Parsed = { readonly error: string } | { readonly content: InboundContent };

const STRING_FIELDS = [
  'content',
  'contentType',
  'caption',
  'locationName',
  'locationAddress',
  'encryptionKey',
  'sha256Hash',
] as const;

const coordinate = (value: unknown): string | undefined => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return text !== '' && Number.isFinite(Number(text)) ? text : undefined;
};

/** Reads what the simulated user sends: text (or a reply), media, or a location. */
function parseContent(body: Record<string, unknown>): Parsed {
  const content: Record<string, string> = {};
  for (const field of STRING_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return { error: `${field} must be a string` };
    content[field] = value;
  }
  const lat = body.latitude ?? body.latitute;
  if (lat !== undefined || body.longitude !== undefined) {
    const latitude = coordinate(lat);
    const longitude = coordinate(body.longitude);
    if (latitude === undefined || longitude === undefined)
      return { error: 'A location needs numeric latitude and longitude' };
    return { content: { ...content, latitude, longitude } };
  }
  if (!content.content) return { error: 'Send content (text, or base64 with contentType), or a location' };
  return { content };
}

const bad = (error: string, status = 400) =>
  new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json' } });

/**
 * `POST /_emulator/inbound`: a simulated user writes to the business. Body: `{ from, content }`, plus
 * `relatedMessageId` for a reply, `contentType` (+ base64 `content`, `caption`) for media, `latitude` /
 * `longitude` / `locationName` / `locationAddress` for a location, and `integration` (name or id) when there
 * are several; for a One API integration also `profileName` and `mediaForm` (`files` or `inline`); `encrypt:
 * true` to have the content encrypted (spec 7.3.5, keys of `/_emulator/kms`). Answers 202
 * `{ messageId, integrationId }`; the callback follows.
 */
export function inboundRoutes(platform: Platform): Hono {
  const app = new Hono();
  app.post('/_emulator/inbound', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return bad('Malformed JSON');
    }
    if (typeof body !== 'object' || body === null) return bad('The body must be a JSON object');
    const input = body as Record<string, unknown>;
    const integration = platform.byRef(typeof input.integration === 'string' ? input.integration : undefined);
    if (!integration) return bad(`No integration "${String(input.integration)}"`, 404);
    const from = normalizeMsisdn(input.from);
    if (!from.success) return bad(`from: ${from.issues[0]?.message}`);
    const related = input.relatedMessageId;
    if (related !== undefined && related !== null && typeof related !== 'string')
      return bad('relatedMessageId must be a string');
    const parsed = parseContent(input);
    if ('error' in parsed) return bad(parsed.error);
    // `encrypt: true`: the platform encrypts the callback's content with a data key of the emulator's KMS.
    const content =
      input.encrypt === true ? await encryptInbound(platform.options.kms, parsed.content) : parsed.content;
    const { dispatcher, options } = platform;
    if (dispatcher.pending >= options.maxPendingCallbacks)
      return bad('Too many callbacks pending; retry later', 503);
    const origin = new URL(c.req.url).origin;
    // One API: the file kept for download is the one the platform sends (ciphertext when encrypted).
    const oneApi = await oneApiInboundExtras(platform, integration, content, input, origin, parsed.content);
    if ('error' in oneApi) return bad(oneApi.error);
    const record = simulateInbound(
      platform,
      integration,
      { ...content, ...oneApi.extras, from: from.output, relatedMessageId: related ?? null },
      { offsetMs: 0, sendAfterMs: options.inboundDelayMs, autoReply: false },
    );
    const callback = options.callbacks ? (integration.inboundCallback ?? null) : null;
    return c.json({ messageId: record.messageId, integrationId: integration.id, callback }, 202);
  });
  return app;
}
