// A runnable local gateway: the memory store, the local credentials every part of the repository uses, and
// a send client pointed at the emulator. `node packages/webhook/examples/local-gateway.mjs` after
// `pnpm --filter @clickwa/webhook... build`; PORT picks the port (default 3000, 0 for a free one).
import process from 'node:process';
import { createClient } from '@clickwa/core';
import { createGatewayApp, createMemoryStore, createOutboxDrain } from '@clickwa/webhook';
import { serve } from '@hono/node-server';

const store = createMemoryStore();
const app = createGatewayApp({
  store,
  // The same local values as the emulator's defaults and apps/worker/.dev.vars.example.
  auth: {
    apiToken: 'dev-api-token',
    callbackUsername: 'clickatell',
    callbackPassword: 'dev-callback-password',
  },
  client: createClient({
    apiKey: process.env.CLICKATELL_API_KEY ?? 'local-dev-key',
    baseUrl: process.env.CLICKATELL_BASE_URL ?? 'http://127.0.0.1:8790',
  }),
  // Stored events are handed on after the 2xx, in batches, at least once (dedupe by `key`): to your queue or
  // consumer here.
  drain: createOutboxDrain({
    store,
    handOff: async (messages) => {
      for (const event of messages)
        console.log(event.kind === 'status' ? `status ${event.key}` : `message ${event.messageId}`);
    },
  }),
});

const server = serve(
  { fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' },
  (info) => console.log(`gateway listening on http://127.0.0.1:${info.port}`),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
