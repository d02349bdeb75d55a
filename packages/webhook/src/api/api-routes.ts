import { isClickwaError, normalizeMsisdn } from '@clickwa/core';
import { type Context, Hono } from 'hono';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import { parseInput } from '../internal/parse-input.ts';
import { toConversationView } from './conversation-view.ts';
import { decryptInbound, decryptMediaBytes } from './decrypt-inbound.ts';
import { ConversationQuerySchema, QuarantineQuerySchema } from './list-query.ts';
import { toMessageView } from './message-view.ts';
import { requireBearer } from './require-bearer.ts';
import { retryQuarantined } from './retry-quarantined.ts';
import { sendMessages } from './send-messages.ts';

/** The business's API under `/api`, behind the bearer token. No answer carries a key or a credential. */
export function apiRoutes(ctx: GatewayContext, onStored: (c: Context) => void): Hono {
  const { store } = ctx;
  const app = new Hono();
  app.use('*', requireBearer(ctx.apiToken));
  app.onError((error, c) => {
    ctx.reportError(error, { route: `${c.req.method} ${c.req.routePath}`, stage: 'store' });
    return jsonError(503, 'Storage is unavailable; retry');
  });

  app.post('/messages', (c) => sendMessages(ctx, c.req.raw));

  app.get('/messages', async (c) => {
    const clientMessageId = c.req.query('clientMessageId');
    if (!clientMessageId) return jsonError(400, 'Give ?clientMessageId=, or use /api/messages/:messageId');
    const records = await store.findByClientMessageId(clientMessageId);
    return c.json({ clientMessageId, messages: records.map(toMessageView) });
  });

  app.get('/messages/:messageId', async (c) => {
    const record = await store.getMessage(c.req.param('messageId'));
    return record ? c.json(toMessageView(record)) : jsonError(404, 'No message with this id');
  });

  app.get('/conversations/:msisdn', async (c) => {
    const msisdn = normalizeMsisdn(c.req.param('msisdn'));
    if (!msisdn.success) return jsonError(400, 'Not a phone number', { issues: msisdn.issues });
    const query = parseInput(ConversationQuerySchema, c.req.query());
    if (!query.ok) return query.response;
    const records = await store.getConversation(msisdn.output, { limit: query.output.limit });
    // Stored as received; encrypted text and captions are decrypted here, as they are read.
    const readable = await Promise.all(records.inbound.map((m) => decryptInbound(m, ctx.encryption)));
    const errors = new Map<string, string>();
    for (const r of readable) if (r.decryptionError) errors.set(r.message.messageId, r.decryptionError);
    const inbound = readable.map((r) => r.message);
    return c.json(toConversationView(msisdn.output, { ...records, inbound }, errors));
  });

  app.get('/messages/:messageId/media', async (c) => {
    const event = await store.getEvent(`message:${c.req.param('messageId')}`);
    if (event?.kind !== 'message' || !event.media) return jsonError(404, 'No media message with this id');
    const blob = await store.getBlob(event.media.sha256);
    if (!blob) return jsonError(404, 'The media bytes are missing');
    let body = blob.body;
    let size = blob.size;
    const readable = await decryptInbound(event, ctx.encryption);
    if (event.encryptionKey !== null) {
      // Encrypted on the way in: served in clear, decrypted as it is read.
      if (readable.retryable)
        return jsonError(503, `The key provider is unavailable; retry (${readable.decryptionError})`);
      if (readable.decryptionError)
        return jsonError(422, `The media cannot be decrypted: ${readable.decryptionError}`);
      try {
        const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
        const clear = await decryptMediaBytes(bytes, event, ctx.encryption!);
        body = clear as Uint8Array<ArrayBuffer>;
        size = clear.length;
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        // A key provider that is down for now (retryable) is not a file that cannot be read.
        if (isClickwaError(error) && error.retryable)
          return jsonError(503, `The key provider is unavailable; retry (${why})`);
        return jsonError(422, `The media cannot be decrypted: ${why}`);
      }
    }
    const media = readable.message.media!;
    return new Response(body, {
      headers: {
        // This message's own type and caption: the bytes are shared by hash, how they are served is not.
        'content-type': media.contentType,
        'content-length': String(size),
        ...(media.caption === null ? {} : { 'x-clickwa-caption': encodeURIComponent(media.caption) }),
        etag: `"${media.sha256}"`,
        'cache-control': 'private, max-age=31536000, immutable',
        // Users choose these bytes: never let a browser run them as a page of this origin.
        'content-security-policy': "default-src 'none'; sandbox",
        'x-content-type-options': 'nosniff',
      },
    });
  });
  app.get('/events/:key', async (c) => {
    const event = await store.getEvent(c.req.param('key'));
    return event ? c.json(event) : jsonError(404, 'No event with this key');
  });
  app.get('/quarantine', async (c) => {
    const query = parseInput(QuarantineQuerySchema, c.req.query());
    if (!query.ok) return query.response;
    return c.json({ items: await store.listQuarantine(query.output) });
  });
  app.get('/quarantine/:id', async (c) => {
    const entry = await store.getQuarantined(c.req.param('id'));
    return entry ? c.json(entry) : jsonError(404, 'No quarantined callback with this id');
  });
  app.post('/quarantine/:id/retry', (c) => retryQuarantined(ctx, c.req.param('id'), () => onStored(c)));
  app.notFound(() => jsonError(404, 'No such API route'));
  return app;
}
