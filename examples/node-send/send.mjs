import { createClient, template, text } from '@clickwa/core';

const client = createClient({
  apiKey: process.env.CLICKATELL_API_KEY,
  // 'one' for a One API integration (its key, POST /v1/message); default 'wa' (POST /wa/messages).
  api: process.env.CLICKATELL_API === 'one' ? 'one' : 'wa',
  // Unset (or empty): https://platform.clickatell.com; the emulator (`pnpm emulator`) locally.
  baseUrl: process.env.CLICKATELL_BASE_URL || undefined,
});

const results = await client.send([
  template('+27 99 900 0001', 'payment_alert', ['$150', '1234']),
  text('+27 99 900 0002', 'Thanks, your order has shipped'),
]);
for (const r of results) {
  if (r.accepted) console.log(r.clientMessageId, '->', r.messageId);
  else console.log(r.clientMessageId, r.outcome, r.error?.code, r.error?.description);
}
