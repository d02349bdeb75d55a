// `pnpm start:node`: the gateway on Node (SQLite in apps/node/.clickwa/, nothing to set up) and the Clickatell
// emulator, wired to each other, as `pnpm start` does for the Worker. Prints the URLs and a ready-to-paste
// curl. Ctrl-C stops both.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@clickwa/core';
import { serveEmulator } from '@clickwa/emulator/node';
import { createNodeGateway } from '@clickwa/node';

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

let emulator;
let gateway;
try {
  emulator = await serveEmulator({
    port: emulatorPort,
    hostname: HOST,
    apiKey: local.apiKey,
    statusCallback: `${gatewayUrl}/clickatell/status`,
    inboundCallback: `${gatewayUrl}/clickatell/inbound`,
    callbackUsername: local.callbackUsername,
    callbackPassword: local.callbackPassword,
  });
  gateway = await createNodeGateway({
    databaseUrl,
    auth: {
      apiToken: local.apiToken,
      callbackUsername: local.callbackUsername,
      callbackPassword: local.callbackPassword,
    },
    client: createClient({ apiKey: local.apiKey, baseUrl: emulatorUrl }),
    // The sample consumer: one line per event handed on (at least once; deduplicate by `key`).
    onEvent: (event) =>
      console.log(
        dim(
          `[event] ${event.kind === 'status' && !('byReference' in event) ? `status ${event.messageId}: ${event.statusCode} ${event.status}` : `${event.kind} ${event.messageId}`}`,
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
    callbacks              ${gatewayUrl}/clickatell/status   ${gatewayUrl}/clickatell/inbound
  emulator (Clickatell)    ${emulatorUrl}       inspect: ${emulatorUrl}/_emulator/messages

Send a template message (no care window needed), then read its status as the callbacks arrive:

  ID=$(curl -s -X POST ${gatewayUrl}/api/messages ${auth} -H 'content-type: application/json' -d '${body}' | sed -E 's/.*"messageId":"([^"]+)".*/\\1/'); echo "messageId $ID"; sleep 4; curl -s ${gatewayUrl}/api/messages/$ID ${auth}; echo

A user writes to you (this opens the 24-hour care window for freeform text):

  curl -s -X POST ${emulatorUrl}/_emulator/inbound -d '{"from":"27999000001","content":"Hello!"}'; sleep 1; curl -s ${gatewayUrl}/api/conversations/27999000001 ${auth}; echo

Ctrl-C stops everything.
`);
