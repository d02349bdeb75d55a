// `pnpm start`: the gateway on `wrangler dev` (local D1, R2, Queues; no Cloudflare account) and the Clickatell
// emulator, wired to each other. Prints the URLs and a ready-to-paste curl. Ctrl-C stops both.
// `CLICKATELL_API=one pnpm start` (or `pnpm start --api one`): the default integration speaks One API.
import { describeLocalIntegrations } from '@clickwa/webhook/testing';
import { stackApi, startStack } from './stack.mjs';

const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[0m` : text);

let stack;
let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping the worker and the emulator...');
  await stack?.stop();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

let api;
try {
  api = stackApi();
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
try {
  console.log('Applying local D1 migrations, starting the emulator and wrangler dev...');
  // wrangler's offline noise (no Request.cf, no update check, types hash) is left out.
  const noise = /Request\.cf|getaddrinfo|GetAddrInfoReqWrap|update available|types might be out of date|^─+$/;
  stack = await startStack({
    api,
    log: (line) => noise.test(line.trim()) || console.log(dim(`[worker] ${line}`)),
  });
} catch (error) {
  console.error(`\nCould not start the stack: ${error instanceof Error ? error.message : error}`);
  console.error(
    'Is another `pnpm start` running? Ports: PORT (default 8787) and EMULATOR_PORT (default 8790).',
  );
  process.exit(1);
}
stack.wrangler.once('exit', (code) => {
  if (!stopping) {
    console.error(`wrangler dev exited (code ${code})`);
    shutdown(1);
  }
});

const { workerUrl, emulatorUrl, vars, copied, local } = stack;

// wrangler dev fires no Cron Triggers: fire the scheduled handler (the outbox drain) every minute, as
// Cloudflare would (wrangler.jsonc "triggers").
const cron = setInterval(() => {
  fetch(`${workerUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`).catch(() => {});
}, 60_000);
cron.unref();
const token = vars.API_TOKEN;
const auth = `-H 'authorization: Bearer ${token}'`;
const body = JSON.stringify({
  messages: [{ to: '27999000001', hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } }],
});
console.log(`
clickwa is running${copied ? ' (created apps/worker/.dev.vars from .dev.vars.example)' : ''}

  gateway (wrangler dev)   ${workerUrl}       API token: ${token}
  emulator (Clickatell)    ${emulatorUrl}       inspect: ${emulatorUrl}/_emulator/messages
${describeLocalIntegrations(local)}

Send a template message (no care window needed) through the default integration, then read its status as the
callbacks arrive (through the other API: add "integration":"${local.other.name}" to the body, here and in /_emulator/inbound):

  ID=$(curl -s -X POST ${workerUrl}/api/messages ${auth} -H 'content-type: application/json' -d '${body}' | sed -E 's/.*"messageId":"([^"]+)".*/\\1/'); echo "messageId $ID"; sleep 4; curl -s ${workerUrl}/api/messages/$ID ${auth}; echo

A user writes to you (this opens the 24-hour care window for freeform text):

  curl -s -X POST ${emulatorUrl}/_emulator/inbound -d '{"from":"27999000001","content":"Hello!"}'; sleep 1; curl -s ${workerUrl}/api/conversations/27999000001 ${auth}; echo

A guided tour of both directions, through both APIs: pnpm demo (in another terminal). Ctrl-C stops everything.
`);
