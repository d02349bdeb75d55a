// `pnpm start:node`: the gateway on Node (SQLite in apps/node/.clickwa/, nothing to set up) and the Clickatell
// emulator, wired to each other, as `pnpm start` does for the Worker. Prints the URLs and a ready-to-paste
// curl. Ctrl-C stops both. `CLICKATELL_API=one pnpm start:node` (or `pnpm start:node --api one`): the default
// integration speaks One API; an integration named after the other API speaks that one.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveEmulator } from '@clickwa/emulator/node';
import { createNodeGateway } from '@clickwa/node';
import { clientResolver, formatConfigIssues, readGatewayConfig } from '@clickwa/webhook';
import { describeLocalIntegrations, localIntegrations, localStackApi } from '@clickwa/webhook/testing';

const HOST = '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8790);
const gatewayUrl = `http://${HOST}:${port}`;
const emulatorUrl = `http://${HOST}:${emulatorPort}`;
// The same local values as the emulator's defaults and apps/worker/.dev.vars.example.
const local = {
  apiToken: 'dev-api-token',
  callbackUsername: 'clickatell',
  callbackPassword: 'dev-callback-password',
  apiKey: 'local-dev-key',
};
const databaseUrl =
  process.env.DATABASE_URL || join(dirname(fileURLToPath(import.meta.url)), '..', '.clickwa', 'gateway.db');
const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);
let integrations;
try {
  integrations = localIntegrations({
    gatewayUrl,
    api: localStackApi(process.argv.slice(2), process.env),
    apiKey: local.apiKey,
  });
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
// The gateway reads the variables a deployed one would, with the same code (`readGatewayConfig`).
const env = {
  API_TOKEN: local.apiToken,
  CALLBACK_USERNAME: local.callbackUsername,
  CALLBACK_PASSWORD: local.callbackPassword,
  CLICKATELL_API_KEY: local.apiKey,
  CLICKATELL_BASE_URL: emulatorUrl,
  ...integrations.vars,
};

let emulator;
let gateway;
try {
  emulator = await serveEmulator({
    port: emulatorPort,
    hostname: HOST,
    integrations: integrations.emulator,
    callbackUsername: local.callbackUsername,
    callbackPassword: local.callbackPassword,
  });
  const config = readGatewayConfig(env);
  if (!config.success) throw new Error(formatConfigIssues(config.issues));
  gateway = await createNodeGateway({
    databaseUrl,
    auth: config.output.auth,
    client: clientResolver(env, config.output.integrations),
    // The sample consumer: one line per event handed on (at least once; deduplicate by `key`). A status code
    // is read with its API (the two catalogs number differently); the lifecycle is the same for both.
    onEvent: (event) =>
      console.log(
        dim(
          `[event] ${event.kind === 'status' && !('byReference' in event) ? `status ${event.messageId}: ${event.api ?? 'wa'} ${event.statusCode} ${event.status}${event.lifecycle ? ` (${event.lifecycle})` : ''}` : `${event.kind} ${event.messageId}`}`,
        ),
      ),
  });
  await gateway.listen({ port, hostname: HOST });
} catch (error) {
  console.error(`\nCould not start the stack: ${error instanceof Error ? error.message : error}`);
  console.error('Is another stack running? Ports: PORT (default 3000) and EMULATOR_PORT (default 8790).');
  await gateway?.close();
  await emulator?.close();
  process.exit(1);
}

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the gateway and the emulator...');
  await gateway.close();
  await emulator.close();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const auth = `-H 'authorization: Bearer ${local.apiToken}'`;
const body = JSON.stringify({
  messages: [{ to: '27999000001', hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } }],
});
console.log(`
clickwa is running on Node (SQLite: ${databaseUrl})

  gateway (Node)           ${gatewayUrl}       API token: ${local.apiToken}
  emulator (Clickatell)    ${emulatorUrl}       inspect: ${emulatorUrl}/_emulator/messages
${describeLocalIntegrations(integrations)}

Send a template message (no care window needed) through the default integration, then read its status as the
callbacks arrive (through the other API: add "integration":"${integrations.other.name}" to the body, here and in /_emulator/inbound):

  ID=$(curl -s -X POST ${gatewayUrl}/api/messages ${auth} -H 'content-type: application/json' -d '${body}' | sed -E 's/.*"messageId":"([^"]+)".*/\\1/'); echo "messageId $ID"; sleep 4; curl -s ${gatewayUrl}/api/messages/$ID ${auth}; echo

A user writes to you (this opens the 24-hour care window for freeform text):

  curl -s -X POST ${emulatorUrl}/_emulator/inbound -d '{"from":"27999000001","content":"Hello!"}'; sleep 1; curl -s ${gatewayUrl}/api/conversations/27999000001 ${auth}; echo

Ctrl-C stops everything.
`);
