// Accepting 100,000 messages in batches of 200 over loopback, against the built Node runner in a child
// process (so the load generator does not share its event loop): once with callbacks off (target: at least
// 20,000 accepted messages/s) and once with callbacks on, four per message, to a local sink in another child
// that answers 200. Reports accepted messages/s, callbacks/s and the emulator's peak RSS (VmHWM).
// Run after a build: `pnpm --filter @clickwa/emulator bench` (turbo builds first).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 100_000);
const BATCH = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const cli = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(cli)) throw new Error('Build first: pnpm --filter @clickwa/emulator build');

const SINK = `
import { createServer } from 'node:http';
let count = 0, first = 0, last = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET') { res.end(JSON.stringify({ count, first, last })); return; }
  req.resume();
  req.on('end', () => { count++; last = Date.now(); if (count === 1) first = last; res.end('ok'); });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

/** Starts a child and resolves with it and the first http:// URL it prints. */
function start(args) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${out}`)));
  });
}

const peakRssMiB = (pid) => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return line ? Number(line[1]) / 1024 : Number.NaN;
};

const bodies = Array.from({ length: TOTAL / BATCH }, (_, b) =>
  JSON.stringify({
    messages: Array.from({ length: BATCH }, (_, i) => ({
      to: `2799900${String((b * BATCH + i) % 10_000).padStart(4, '0')}`,
      content: 'Your order #12345 has shipped and will arrive tomorrow.',
      clientMessageId: `bench-${b}-${i}`,
    })),
  }),
);

/** Sends every batch with CONCURRENCY requests in flight; a 901 (pending callbacks full) is retried. */
async function sendAll(url) {
  let next = 0;
  let accepted = 0;
  let busy = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const body = bodies[next++];
      for (;;) {
        const response = await fetch(`${url}/wa/messages`, {
          method: 'POST',
          headers: { authorization: 'local-dev-key', 'content-type': 'application/json' },
          body,
        });
        const json = await response.json();
        if (json.errorCode === 901) {
          busy++;
          // As a client would: back off briefly instead of hammering a busy platform.
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        accepted += json.messages.filter((m) => m.accepted).length;
        break;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { accepted, busy, seconds: (performance.now() - started) / 1000 };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');

async function callbacksOff() {
  const emulator = await start([cli, '--port', '0', '--no-callbacks', '--seed', 'bench']);
  try {
    // Warm-up: the JIT and the connection pool, then a clean history.
    await sendAll(emulator.url);
    await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
    const run = await sendAll(emulator.url);
    return { ...run, rss: peakRssMiB(emulator.child.pid) };
  } finally {
    emulator.child.kill();
  }
}

async function callbacksOn() {
  const sink = await start(['--input-type=module', '-e', SINK]);
  const emulator = await start([
    cli,
    ...['--port', '0', '--seed', 'bench', '--status-callback', `${sink.url}/status`],
    ...['--first-status-ms', '0', '--step-ms', '1', '--jitter-ms', '0', '--duplicate-rate', '0'],
    ...(process.env.BENCH_EMULATOR_ARGS ?? '').split(' ').filter(Boolean),
  ]);
  try {
    const started = performance.now();
    const run = await sendAll(emulator.url);
    const expected = run.accepted * 4;
    let state;
    for (;;) {
      state = await (await fetch(sink.url)).json();
      if (state.count >= expected) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = (performance.now() - started) / 1000;
    const stats = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
    return {
      ...run,
      callbacks: state.count,
      total,
      rss: peakRssMiB(emulator.child.pid),
      failed: stats.callbacks.failed,
    };
  } finally {
    emulator.child.kill();
    sink.child.kill();
  }
}

console.log(
  `@clickwa/emulator accept bench: ${fmt(TOTAL)} messages, batches of ${BATCH}, ${CONCURRENCY} requests in flight, Node ${process.version}`,
);
const off = await callbacksOff();
console.log(
  `callbacks off: ${fmt(off.accepted / off.seconds)} accepted msg/s (${off.accepted} in ${off.seconds.toFixed(2)} s; target >= 20,000), emulator peak RSS ${off.rss.toFixed(0)} MiB`,
);
const on = await callbacksOn();
console.log(
  `callbacks on:  ${fmt(on.accepted / on.seconds)} accepted msg/s (${on.accepted} in ${on.seconds.toFixed(2)} s, ${on.busy} sends answered 901 and retried), ` +
    `${fmt(on.callbacks / on.total)} callbacks/s (${on.callbacks} in ${on.total.toFixed(2)} s, ${on.failed} failed), emulator peak RSS ${on.rss.toFixed(0)} MiB`,
);
