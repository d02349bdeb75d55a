import { Hono } from 'hono';
import type { Platform } from '../platform.ts';
import type { MessageRecord } from '../store.ts';

function matches(record: MessageRecord, query: Record<string, string>): boolean {
  if (query.to !== undefined && record.to !== query.to) return false;
  if (query.clientMessageId !== undefined && record.clientMessageId !== query.clientMessageId) return false;
  if (
    query.integration !== undefined &&
    record.integration.name !== query.integration &&
    record.integration.id !== query.integration
  ) {
    return false;
  }
  return true;
}

const lastN = <T>(items: T[], limit: string | undefined): T[] => {
  const n = Number(limit);
  return limit !== undefined && Number.isInteger(n) && n >= 0
    ? items.slice(Math.max(0, items.length - n))
    : items;
};

/**
 * Inspection, LocalStack-style: what was accepted and everything that happened to it, counts that prove
 * nothing was accepted twice, and a reset between tests.
 */
export function inspectRoutes(platform: Platform): Hono {
  const { store, dispatcher, options } = platform;
  const app = new Hono();
  app.get('/_emulator/messages', (c) => {
    const query = c.req.query();
    const messages = lastN(
      [...store.messages()].filter((m) => matches(m, query)),
      query.limit,
    );
    return c.json({ messages });
  });
  app.get('/_emulator/messages/:messageId', (c) => {
    const record = store.getMessage(c.req.param('messageId'));
    return record
      ? c.json(record)
      : c.json({ error: `No message ${c.req.param('messageId')} in the history` }, 404);
  });
  app.delete('/_emulator/messages', (c) => {
    store.reset();
    dispatcher.reset();
    platform.careWindows.clear();
    platform.faultRules.clear();
    return c.json({ reset: true });
  });
  app.get('/_emulator/faults', (c) => c.json({ faults: platform.faultRules.list() }));
  app.post('/_emulator/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'The body must be JSON: { "fault": "901", "times": 1, "to": "27..." }' }, 400);
    }
    const added = platform.faultRules.add(body);
    return 'error' in added ? c.json({ error: added.error }, 400) : c.json(added.rule, 201);
  });
  app.delete('/_emulator/faults', (c) => {
    platform.faultRules.clear();
    return c.json({ faults: [] });
  });
  app.get('/_emulator/inbound', (c) =>
    c.json({ inbound: lastN([...store.inbound()], c.req.query('limit')) }),
  );
  app.get('/_emulator/stats', (c) => {
    const counts = store.acceptedCounts();
    const { counters } = store;
    return c.json({
      seed: platform.seed(),
      requests: counters.requests,
      messages: { accepted: counters.acceptedMessages, rejected: counters.rejectedMessages },
      rejectedRequests: counters.rejectedRequests,
      errorCodes: counters.errorCodes,
      faults: counters.faults,
      inbound: counters.inbound,
      callbacks: {
        pending: dispatcher.pending,
        duplicates: counters.duplicateCallbacks,
        ...dispatcher.counters,
      },
      acceptedByClientMessageId: counts.byClientMessageId,
      acceptedByRecipient: counts.byRecipient,
      repeatedClientMessageIds: Object.keys(counts.byClientMessageId).filter(
        (id) => counts.byClientMessageId[id]! > 1,
      ),
      countsTruncated: counts.truncated,
      history: { limit: options.historyLimit, evicted: store.evicted },
    });
  });
  app.get('/_emulator/health', (c) =>
    c.json({
      ok: true,
      integrations: options.integrations.map((i) => ({
        id: i.id,
        name: i.name,
        api: i.api,
        sandbox: i.sandbox,
        statusCallback: i.statusCallback ?? null,
        inboundCallback: i.inboundCallback ?? null,
      })),
    }),
  );
  return app;
}
