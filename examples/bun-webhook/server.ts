// The gateway on Bun: `bun server.ts`. Clickatell's callbacks (status and inbound) are kept in the memory
// store and handed on to a consumer (here a log line per event); `/api` sends and reads back. The memory store
// forgets everything on restart: for real traffic, use a Store adapter that persists (it must pass
// `runStoreContract` from `@clickwa/webhook/contract`).
import {
  clientResolver,
  createGatewayApp,
  createMemoryStore,
  createOutboxDrain,
  formatConfigIssues,
  readGatewayConfig,
} from '@clickwa/webhook';

// API_TOKEN, CALLBACK_USERNAME, CALLBACK_PASSWORD, CLICKATELL_API_KEY, CLICKATELL_BASE_URL (the emulator locally)...
const config = readGatewayConfig(process.env);
if (!config.success) {
  console.error(formatConfigIssues(config.issues));
  process.exit(2);
}

const store = createMemoryStore();
const app = createGatewayApp({
  store,
  auth: config.output.auth,
  client: clientResolver(process.env, config.output.integrations),
  // Each stored event is handed on after its callback's 2xx, at least once: deduplicate by `key`.
  drain: createOutboxDrain({
    store,
    handOff: async (events) => {
      for (const event of events) console.log('event', event.key);
    },
  }),
});

const server = Bun.serve({ fetch: app.fetch, hostname: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on http://${server.hostname}:${server.port}`);
