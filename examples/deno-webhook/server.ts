// The gateway on Deno: `deno run --allow-net --allow-env server.ts`. Clickatell's callbacks (status and
// inbound) are kept in the memory store and handed on to a consumer (here a log line per event); `/api` sends
// and reads back. The memory store forgets everything on restart: for real traffic, use a Store adapter that
// persists (it must pass `runStoreContract` from `@clickwa/webhook/contract`). `deno.json` has
// `"nodeModulesDir": "manual"`: Deno takes `@clickwa/webhook` from node_modules.
import {
  clientResolver,
  createGatewayApp,
  createMemoryStore,
  createOutboxDrain,
  formatConfigIssues,
  readGatewayConfig,
} from '@clickwa/webhook';

// API_TOKEN, CALLBACK_USERNAME, CALLBACK_PASSWORD, CLICKATELL_API_KEY, CLICKATELL_BASE_URL (the emulator locally)...
const env = Deno.env.toObject();
const config = readGatewayConfig(env);
if (!config.success) {
  console.error(formatConfigIssues(config.issues));
  Deno.exit(2);
}

const store = createMemoryStore();
const app = createGatewayApp({
  store,
  auth: config.output.auth,
  client: clientResolver(env, config.output.integrations),
  // Each stored event is handed on after its callback's 2xx, at least once: deduplicate by `key`.
  drain: createOutboxDrain({
    store,
    handOff: async (events) => {
      for (const event of events) console.log('event', event.key);
    },
  }),
});

Deno.serve(
  {
    hostname: '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  app.fetch,
);
