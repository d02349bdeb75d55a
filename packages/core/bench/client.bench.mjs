// The send client's cost, against what a user would otherwise write. Needs the build (`pnpm build`).
//
// 1. Overhead: 100,000 texts through `client.sendAll` against a raw fetch loop (the same messages batched 200 to
//    a request beforehand, each with its clientMessageId, serialized as each request goes out, 4 requests in
//    flight), against a stub in a child process answering after 2 ms (a platform in the same data centre) and
//    20 ms (a short round trip to the real one); at 0 ms for information only. Each contender runs in processes
//    of its own (a process's JIT decides its speed for good, so one process would judge its luck), its rounds
//    taking turns among them; the figure is the median of the rounds' own ratios. Target: >= 0.90 at 2 ms,
//    >= 0.97 at 20 ms.
//    One API's client runs beside them at 2 ms: target within 5 % of the legacy client (one/legacy >= 0.95).
// 2. CPU: the client's CPU per message with `fetch` answered inside the process (no socket, no stub), this build
//    against a baseline build of another commit (`BASELINE`, built in a git worktree under the OS temp dir on
//    first use), alternating in processes of their own. Target: this build within 1.25x of the baseline.
// 3. Memory: `sendAll` from an async generator, 100,000 and 1,000,000 messages, each run in a fresh process with
//    a 32 MB heap: finishing 1,000,000 inside it shows nothing is kept per message. Target: peak RSS flat.
//
// `node bench/client.bench.mjs [overhead|cpu|memory]` runs one part; `BASELINE=<commit>` picks the baseline.
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [mode, ...args] = process.argv.slice(2);
const N = 100_000;
const CONCURRENCY = 4;
const PROCESSES = 3;
const BASELINE = process.env.BASELINE ?? 'f8568f3';
const API_KEY = 'bench-key-0123456789abcdef';
const text = (i) => ({
  to: `2799${String(i % 10_000_000).padStart(7, '0')}`,
  content: `Hello, your code is ${i}`,
});
const THIS_BUILD = new URL('../dist/index.js', import.meta.url).href;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return Number.isInteger(mid) ? (s[mid - 1] + s[mid]) / 2 : s[Math.floor(mid)];
};

// Wall time and this process's CPU time from now on.
function clock() {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
}

// The stub platform: accepts every message of a request after `delayMs`.
function stub(delayMs) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { messages } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      // One API answers with `apiMessageId`, and without the disputed `clientMessageId` echo.
      const oneApi = req.url === '/v1/message';
      const body = JSON.stringify({
        error: null,
        messages: messages.map((m) =>
          oneApi
            ? { apiMessageId: randomBytes(16).toString('hex'), accepted: true, to: m.to, error: null }
            : {
                messageId: randomBytes(16).toString('hex'),
                clientMessageId: m.clientMessageId,
                accepted: true,
                to: m.to,
                error: null,
              },
        ),
      });
      const answer = () => res.writeHead(202, { 'content-type': 'application/json' }).end(body);
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

// A platform inside the process: every message accepted at once, from the ids in the body.
const ID_IN_BODY = /"clientMessageId":"([0-9a-f]{32})"/g;
async function answerAtOnce(_url, init) {
  const answers = [];
  for (const [, id] of init.body.matchAll(ID_IN_BODY))
    answers.push(`{"messageId":"${id}","clientMessageId":"${id}","accepted":true,"error":null}`);
  return new Response(`{"error":null,"messages":[${answers.join(',')}]}`, { status: 202 });
}

async function viaClient(build, baseUrl, fetchFn, api) {
  const { createClient } = await import(build);
  const client = createClient({ apiKey: API_KEY, baseUrl, concurrency: CONCURRENCY, fetch: fetchFn, api });
  const messages = Array.from({ length: N }, (_, i) => text(i));
  const stop = clock();
  let accepted = 0;
  for await (const r of client.sendAll(messages)) if (r.accepted) accepted++;
  if (accepted !== N) throw new Error(`client: ${accepted} of ${N} accepted`);
  return stop();
}

async function viaRawLoop(baseUrl) {
  const { createClientMessageId } = await import(THIS_BUILD);
  const batches = [];
  for (let i = 0; i < N; i += 200)
    batches.push(
      Array.from({ length: Math.min(200, N - i) }, (_, j) => ({
        ...text(i + j),
        clientMessageId: createClientMessageId(),
      })),
    );
  const headers = { Authorization: API_KEY, 'Content-Type': 'application/json', Accept: 'application/json' };
  const stop = clock();
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < batches.length) {
      const body = JSON.stringify({ messages: batches[next++] });
      const res = await fetch(`${baseUrl}/wa/messages`, { method: 'POST', headers, body });
      for (const m of (await res.json()).messages) if (m.accepted) accepted++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (accepted !== N) throw new Error(`raw: ${accepted} of ${N} accepted`);
  return stop();
}

const CONTENDERS = {
  raw: (url) => viaRawLoop(url),
  client: (url) => viaClient(THIS_BUILD, url),
  'client, One API': (url) => viaClient(THIS_BUILD, url, undefined, 'one'),
  'client, no socket': () => viaClient(THIS_BUILD, 'http://platform.test', answerAtOnce),
  'baseline, no socket': (_url, baseline) => viaClient(baseline, 'http://platform.test', answerAtOnce),
};

function child(argv, execArgv = []) {
  return new Promise((resolve, reject) => {
    const p = fork(import.meta.filename, argv, { stdio: 'inherit', execArgv });
    p.once('message', (m) => resolve({ process: p, message: m }));
    p.once('error', reject);
    p.once('exit', (code) => code && reject(new Error(`${argv.join(' ')} exited with ${code}`)));
  });
}

async function withStub(delayMs, run) {
  const { process: stubProcess, message } = await child(['stub', String(delayMs)]);
  try {
    return await run(`http://127.0.0.1:${message.port}`);
  } finally {
    stubProcess.kill();
  }
}

// A contender in a process of its own, running N messages whenever the parent asks.
function contender(name, baseUrl, baseline) {
  process.on('message', async () => process.send(await CONTENDERS[name](baseUrl, baseline)));
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: name });
}

/**
 * Runs `names` in PROCESSES processes each, 2 warm-up runs per process, then `rounds` rounds in a rotating order,
 * round r of a contender in its process r mod PROCESSES. Returns each contender's timings per round.
 */
async function rounds(names, baseUrl, count, baseline = '') {
  const processes = {};
  for (const name of names) {
    processes[name] = [];
    for (let k = 0; k < PROCESSES; k++)
      processes[name].push((await child(['contender', name, baseUrl, baseline])).process);
  }
  const run = (p) =>
    new Promise((resolve, reject) => {
      p.once('message', resolve);
      p.once('exit', (code) => reject(new Error(`a contender exited with ${code}`)));
      p.send({});
    }).finally(() => p.removeAllListeners('exit'));
  try {
    for (let w = 0; w < 2; w++) for (const name of names) for (const p of processes[name]) await run(p);
    const timings = Object.fromEntries(names.map((name) => [name, []]));
    for (let round = 0; round < count; round++) {
      const order = names.map((_, k) => names[(round + k) % names.length]);
      for (const name of order) timings[name].push(await run(processes[name][round % PROCESSES]));
    }
    return timings;
  } finally {
    for (const ps of Object.values(processes)) for (const p of ps) p.kill();
  }
}

const rate = (ms) => Math.round((N * 1000) / ms).toLocaleString('en');

async function overhead(delayMs, count, target) {
  await withStub(delayMs, async (baseUrl) => {
    const t = await rounds(['raw', 'client'], baseUrl, count);
    const ratio = median(t.raw.map((raw, r) => raw.ms / t.client[r].ms));
    const verdict = target
      ? `target >= ${target.toFixed(2)}: ${ratio >= target ? 'met' : 'NOT met'}`
      : 'information only';
    console.log(
      `overhead at ${delayMs} ms: client/raw ${ratio.toFixed(2)} (${verdict}); raw ${rate(median(t.raw.map((x) => x.ms)))} msg/s, client ${rate(median(t.client.map((x) => x.ms)))} msg/s; ${count} rounds, ${PROCESSES} processes each`,
    );
  });
}

// The baseline build: `BASELINE` checked out in a git worktree and built, once.
function baselineBuild() {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim();
  const commit = execFileSync('git', ['rev-parse', '--short', BASELINE], {
    cwd: root,
    encoding: 'utf8',
  }).trim();
  const dir = join(tmpdir(), `clickwa-bench-${commit}`);
  const dist = join(dir, 'packages', 'core', 'dist', 'index.js');
  if (!existsSync(dist)) {
    if (!existsSync(dir))
      execFileSync('git', ['worktree', 'add', '--detach', dir, commit], { cwd: root, stdio: 'ignore' });
    const pnpm = (...a) => execFileSync('pnpm', a, { cwd: dir, stdio: 'ignore' });
    pnpm('install', '--frozen-lockfile', '--prefer-offline', '--filter', '@clickwa/core...');
    pnpm('--filter', '@clickwa/core', 'build');
  }
  return { commit, url: pathToFileURL(dist).href };
}

async function cpu(count) {
  const baseline = baselineBuild();
  const names = ['client, no socket', 'baseline, no socket'];
  const t = await rounds(names, '', count, baseline.url);
  const us = (name) => (median(t[name].map((x) => x.cpuMs)) / N) * 1000;
  const ratio = median(t[names[0]].map((x, r) => x.cpuMs / t[names[1]][r].cpuMs));
  console.log(
    `cpu, fetch answered in the process: this build ${us(names[0]).toFixed(2)} us per message, ${baseline.commit} ${us(names[1]).toFixed(2)} us; this/baseline ${ratio.toFixed(2)} (target <= 1.25: ${ratio <= 1.25 ? 'met' : 'NOT met'}); ${count} rounds, ${PROCESSES} processes each`,
  );
}

// Child: sendAll from an async generator, sampling RSS.
async function memoryRun(baseUrl, n) {
  const { createClient } = await import(THIS_BUILD);
  const client = createClient({ apiKey: API_KEY, baseUrl, concurrency: CONCURRENCY });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  async function* source() {
    for (let i = 0; i < n; i++) yield text(i);
  }
  let accepted = 0;
  for await (const r of client.sendAll(source())) if (r.accepted) accepted++;
  clearInterval(sampler);
  process.send({ accepted, peakRssMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 });
}

async function memory() {
  await withStub(0, async (baseUrl) => {
    const peaks = [];
    for (const n of [100_000, 1_000_000]) {
      const run = await child(['memory', baseUrl, String(n)], ['--max-old-space-size=32']);
      run.process.kill();
      if (run.message.accepted !== n) throw new Error(`memory: ${run.message.accepted} of ${n} accepted`);
      peaks.push(run.message.peakRssMb);
    }
    console.log(
      `memory, sendAll from an async generator in a 32 MB heap: peak RSS ${peaks[0].toFixed(1)} MB at 100,000, ${peaks[1].toFixed(1)} MB at 1,000,000 (ratio ${(peaks[1] / peaks[0]).toFixed(2)}, target flat)`,
    );
  });
}

if (mode === 'stub') stub(Number(args[0]));
else if (mode === 'contender') contender(args[0], args[1], args[2]);
else if (mode === 'memory') await memoryRun(args[0], Number(args[1]));
else {
  if (!mode || mode === 'overhead') {
    await overhead(0, 6);
    await overhead(2, 9, 0.9, true);
    await overhead(20, 6, 0.97);
  }
  if (!mode || mode === 'cpu') await cpu(9);
  if (!mode || mode === 'memory') await memory();
}
