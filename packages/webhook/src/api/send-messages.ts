import { isClickwaError, type OutboundMessage, type SendResult } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import { readLimitedBody } from '../internal/read-limited-body.ts';
import { careWindowViolations } from './care-window.ts';
import { toOutboundRecord } from './to-outbound-record.ts';

const ROUTE = 'POST /api/messages';

/**
 * `POST /api/messages`, body `{ messages, integration?, force?, encrypt? }` (messages as in the spec's send request).
 * Refuses freeform messages outside the care window (409) unless `force`; sends through the core client;
 * records every result in one write so status callbacks join to it; answers `{ results }`, one per message
 * in order. More than `maxMessagesPerRequest` messages (default 1,000) is 413.
 * Once anything may have been sent the answer is 200, even if recording failed (`recorded: false`): a 5xx
 * would invite the caller to send again.
 */
export async function sendMessages(ctx: GatewayContext, request: Request): Promise<Response> {
  const body = await readLimitedBody(request, ctx.limits.apiBodyBytes, ctx.limits.bodyStallMs);
  if (!body.ok) {
    return body.reason === 'stalled'
      ? jsonError(408, `The body stalled for ${ctx.limits.bodyStallMs} ms`)
      : jsonError(413, `The body may not exceed ${ctx.limits.apiBodyBytes} bytes`);
  }
  let input: { messages?: unknown; integration?: unknown; force?: unknown; encrypt?: unknown };
  try {
    input = JSON.parse(new TextDecoder().decode(body.bytes));
  } catch {
    return jsonError(400, 'The body is not valid JSON');
  }
  if (
    typeof input !== 'object' ||
    input === null ||
    !Array.isArray(input.messages) ||
    input.messages.length === 0
  ) {
    return jsonError(
      400,
      'The body must be { "messages": [ ... ], "integration"?: string, "force"?: boolean, "encrypt"?: boolean }',
    );
  }
  const { messages, integration, force, encrypt } = input;
  const cap = ctx.limits.maxMessagesPerRequest;
  if (messages.length > cap) {
    return jsonError(413, `At most ${cap} messages per request; split the ${messages.length} into several`, {
      maxMessagesPerRequest: cap,
    });
  }
  if (integration !== undefined && typeof integration !== 'string')
    return jsonError(400, '"integration" must be a string');
  if (force !== undefined && typeof force !== 'boolean')
    return jsonError(400, '"force" must be true or false');
  if (encrypt !== undefined && typeof encrypt !== 'boolean')
    return jsonError(400, '"encrypt" must be true or false');
  if (encrypt && !ctx.encryption)
    return jsonError(
      400,
      '"encrypt": true needs encryption configured on the gateway (a key provider); nothing was sent',
    );
  const client = ctx.resolveClient?.(integration || undefined);
  if (!client) {
    return integration
      ? jsonError(400, `No integration named "${integration}" is configured`)
      : jsonError(503, 'Sending is not configured (no client or API key)');
  }
  if (!force) {
    let violations: Awaited<ReturnType<typeof careWindowViolations>>;
    try {
      violations = await careWindowViolations(ctx.store, messages, ctx.now());
    } catch (error) {
      ctx.reportError(error, { route: ROUTE, stage: 'store' });
      return jsonError(503, 'The care window could not be checked; nothing was sent, retry');
    }
    if (violations.length > 0) {
      return jsonError(
        409,
        'Outside the 24-hour customer-care window: these numbers have not written to you in the last 24 hours, so a freeform text or media message would not be delivered (spec 3.3). Send a template message instead, or pass "force": true. Nothing was sent.',
        { templateRequired: true, messages: violations },
      );
    }
  }
  let results: SendResult[];
  try {
    const options = encrypt && ctx.encryption ? { encryption: ctx.encryption } : undefined;
    results = await client.send(messages as OutboundMessage[], options);
  } catch (error) {
    // The client throws only before any request, for arguments it cannot use.
    if (isClickwaError(error)) return jsonError(400, error.description);
    ctx.reportError(error, { route: ROUTE, stage: 'send' });
    return jsonError(500, 'The send client failed before sending; nothing was sent');
  }
  const sentAt = ctx.now();
  const records = results.map((r) =>
    toOutboundRecord(messages[r.index], r, integration || null, sentAt, client.api ?? 'wa'),
  );
  let recorded = true;
  try {
    await ctx.store.recordOutbound(records);
  } catch (error) {
    recorded = false;
    ctx.reportError(error, { route: ROUTE, stage: 'record' });
  }
  return Response.json(recorded ? { results } : { results, recorded: false });
}
