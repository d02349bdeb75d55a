import { normalizeMsisdn } from '@clickwa/core';
import { type Context, Hono } from 'hono';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import { parseInput } from '../internal/parse-input.ts';
import type { StoredInboundMessage } from '../store.ts';
import { toConversationView, toInboundItem } from './conversation-view.ts';
import { decryptInbound } from './decrypt-inbound.ts';
import { ConversationQuerySchema, QuarantineQuerySchema } from './list-query.ts';
import { mediaResponse } from './media-response.ts';
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
    const messageId = c.req.param('messageId');
    const record = await store.getMessage(messageId);
    if (record) return c.json(toMessageView(record));
    // A message a user sent: shown as in its conversation, with its files' downloads.
    const event = await store.getEvent(`message:${messageId}`);
    if (event?.kind !== 'message') return jsonError(404, 'No message with this id');
    const [readable, downloads, related] = await Promise.all([
      decryptInbound(event, ctx.encryption),
      event.files ? store.getDownloads([event.key]) : [],
      event.relatedMessageId ? store.getMessage(event.relatedMessageId) : null,
    ]);
    return c.json(
      toInboundItem(readable.message, related?.outbound ?? undefined, readable.decryptionError, downloads),
    );
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
    const withFiles = inbound.filter((m) => m.files).map((m) => m.key);
    const downloads = withFiles.length > 0 ? await store.getDownloads(withFiles) : [];
    return c.json(toConversationView(msisdn.output, { ...records, inbound }, errors, downloads));
  });

  app.get('/messages/:messageId/media', async (c) => {
    const event = await store.getEvent(`message:${c.req.param('messageId')}`);
    if (event?.kind !== 'message' || !event.media) {
      // A message whose media came by reference: its first file.
      if (event?.kind === 'message' && event.files?.length) return serveFile(event, 0);
      return jsonError(404, 'No media message with this id');
    }
    const { sha256, contentType, declaredSha256 } = event.media;
    return mediaResponse(ctx, event, { sha256, contentType, declaredSha256, withCaption: true });
  });

  app.get('/messages/:messageId/media/:fileIndex', async (c) => {
    const event = await store.getEvent(`message:${c.req.param('messageId')}`);
    const index = Number(c.req.param('fileIndex'));
    if (event?.kind !== 'message' || !event.files || !Number.isInteger(index) || !event.files[index])
      return jsonError(404, 'No such file of a message with this id');
    return serveFile(event, index);
  });

  /** A file sent by reference, once downloaded; 404 with its download's state until then. */
  async function serveFile(event: StoredInboundMessage, index: number): Promise<Response> {
    const file = event.files![index]!;
    const download = (await store.getDownloads([event.key])).find((d) => d.fileIndex === index);
    if (download?.state !== 'stored' || download.sha256 === null)
      return jsonError(404, 'The file is not stored', {
        state: download?.state ?? 'pending',
        ...(download?.lastError ? { error: download.lastError } : {}),
      });
    return mediaResponse(ctx, event, {
      sha256: download.sha256,
      contentType: file.contentType,
      declaredSha256: file.declaredSha256,
      withCaption: event.files!.length === 1,
    });
  }

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
