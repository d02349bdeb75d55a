// `pnpm demo`: a conversation through the running stack (`pnpm start`; started here when it is not running),
// once through each integration, so through both APIs: the default one and the one named after the other API.
// A simulated user writes first (opening the care window); the business sends a text, a template and an
// image; each message's statuses are printed as their callbacks arrive; the user replies to the text.
import { getMessageStatus } from '@clickwa/core';
import { devVars, stackApi, startStack } from './stack.mjs';

const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const API_NAMES = { wa: 'the WhatsApp Enterprise API', one: 'One API' };
const port = Number(process.env.PORT ?? 8787);
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 8790);
let workerUrl = `http://127.0.0.1:${port}`;
let emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
const t0 = Date.now();
const say = (line) => console.log(`${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s  ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function isUp(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(1000) })).ok;
  } catch {
    return false;
  }
}

let stack;
if (!(await isUp(`${workerUrl}/healthz`)) || !(await isUp(`${emulatorUrl}/_emulator/health`))) {
  say('The stack is not running: starting it (pnpm start keeps it running)...');
  stack = await startStack({ api: stackApi(), port, emulatorPort });
  ({ workerUrl, emulatorUrl } = stack);
}
const token = devVars().vars.API_TOKEN;
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const api = async (path, init = {}) => {
  const response = await fetch(`${workerUrl}${path}`, { ...init, headers });
  return { status: response.status, body: await response.json() };
};

/**
 * One conversation through one integration: `name` picks it in `POST /api/messages` and `/_emulator/inbound`
 * (undefined: the default one); its statuses read by its API's catalog, whose codes differ from the other's.
 */
async function conversation({ name, api: which, user }) {
  const integration = name === undefined ? {} : { integration: name };
  const userWrites = async (message) => {
    const response = await fetch(`${emulatorUrl}/_emulator/inbound`, {
      method: 'POST',
      body: JSON.stringify({ from: user, ...integration, ...message }),
    });
    if (response.status !== 202)
      throw new Error(`The emulator refused the user's message: ${await response.text()}`);
    return (await response.json()).messageId;
  };
  const waitForInbound = async (messageId) => {
    for (let i = 0; i < 100; i++) {
      const { body } = await api(`/api/conversations/${user}`);
      if (body.items?.some((item) => item.messageId === messageId)) return;
      await sleep(100);
    }
    throw new Error(`The user's message ${messageId} did not reach the gateway`);
  };
  const lifecycle = (status) => status.lifecycle ?? getMessageStatus(status.code, which).lifecycle;

  say(`User +${user} writes: "Hi! Where is my order?"`);
  await waitForInbound(await userWrites({ content: 'Hi! Where is my order?' }));
  say('  stored by the gateway: the 24-hour care window is open, freeform messages may go');

  const messages = [
    { to: user, content: 'Your order *#1234* has shipped and arrives tomorrow.' },
    { to: user, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } },
    { to: user, contentType: 'image/png', content: PNG, caption: 'Your receipt' },
  ];
  const names = ['text', 'template', 'media'];
  const sent = await api('/api/messages', {
    method: 'POST',
    body: JSON.stringify({ messages, ...integration }),
  });
  if (sent.status !== 200)
    throw new Error(`POST /api/messages answered ${sent.status}: ${JSON.stringify(sent.body)}`);
  for (const [i, r] of sent.body.results.entries())
    say(`Sent ${names[i].padEnd(8)} ${r.outcome} messageId ${r.messageId ?? '-'}`);

  const seen = sent.body.results.map(() => new Set());
  let replied = false;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    let done = 0;
    for (const [i, r] of sent.body.results.entries()) {
      if (!r.messageId) continue;
      const { body } = await api(`/api/messages/${r.messageId}`);
      for (const h of body.history ?? []) {
        if (seen[i].has(h.code)) continue;
        seen[i].add(h.code);
        say(
          `  ${names[i].padEnd(8)} ${String(h.code).padStart(4)} ${h.status.padEnd(22)} ${lifecycle(h)}${body.status?.code === h.code ? '   <- current' : ''}`,
        );
      }
      if (body.status && ['read', 'failed'].includes(lifecycle(body.status))) done++;
    }
    const textRead = [...seen[0]].some((code) => lifecycle({ code }) === 'read');
    if (!replied && textRead) {
      replied = true;
      say(`User replies to the text: "Great, thanks!"`);
      await waitForInbound(
        await userWrites({ content: 'Great, thanks!', relatedMessageId: sent.body.results[0].messageId }),
      );
    }
    if (done === sent.body.results.length && replied) break;
    await sleep(250);
  }

  const { body: thread } = await api(`/api/conversations/${user}`);
  say(`The thread with +${user}, as GET /api/conversations/${user} returns it:`);
  // Only this run's messages (local D1 keeps earlier runs); inbound timestamps have whole seconds.
  for (const item of thread.items.filter((i) => i.timestamp >= t0 - 1000)) {
    const outbound = item.content
      ? `"${item.content}"`
      : item.template
        ? `template ${item.template}`
        : `${item.kind} "${item.caption ?? ''}"`;
    const what =
      item.direction === 'inbound'
        ? `"${item.content}"${item.inReplyTo ? ' (reply to the text)' : ''}`
        : outbound;
    const status = item.status ? `  [${item.status.status}]` : '';
    console.log(`         ${item.direction === 'inbound' ? 'user     ->' : 'business ->'} ${what}${status}`);
  }
}

try {
  // The emulator's integrations, the default first; the other is named after its API (stack.mjs).
  const { integrations } = await (await fetch(`${emulatorUrl}/_emulator/health`)).json();
  for (const [i, { name, api: which }] of integrations.entries()) {
    const pick = i === 0 ? 'the default integration' : `integration "${name}"`;
    console.log(`\n── ${pick}: ${API_NAMES[which] ?? which} ──`);
    await conversation({ name: i === 0 ? undefined : name, api: which ?? 'wa', user: `2799900000${i + 1}` });
  }
} finally {
  await stack?.stop();
}
