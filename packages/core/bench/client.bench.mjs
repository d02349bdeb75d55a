// Send client overhead and memory (issue 3). Needs the build: `pnpm exec tsc -p tsconfig.build.json`.
// `node --expose-gc bench/client.bench.mjs zero` runs only the zero-latency comparison, `... shared` the same
// with every contender in one process (as before 2026-12-03), `... slow` only the slow consumer;
// `bun bench/client.bench.mjs zero` and `deno run -A bench/client.bench.mjs zero` run the zero-latency
// comparison on those runtimes (stub included). `... machinery` runs only the comparison without a
// network (4. below), on any of the three. `... rounds client 3` runs one contender alone (see `rounds` below).
//
// 1. Overhead: 100,000 text messages through `client.sendAll` vs a raw loop that `fetch`es the same messages,
//    batched beforehand into 200-message batches (each message with its clientMessageId) and serialized into
//    each request's body as it goes out, at the same concurrency, against a local stub in a child process (on
//    a 2-vCPU machine it competes for the cores, alike for every contender). Target: client/raw >= 0.9.
//    Each contender runs in processes of its own, as in a user's application: sharing one process, the
//    contenders share undici's JIT feedback and each other's garbage, and the client, the one with the most
//    code of its own, came out lower: a median of 0.87 over 5 runs, against 0.92 over 13 (BENCHMARKS.md).
//    `INVOCATIONS` processes each, taking turns round by round (why: `isolatedContenders`).
//    Beside them, for what they say of that ratio: the raw loop with every body serialized beforehand (fetch
//    alone), the floor (what any client owes each message: an id, its JSON, a result) and the floor with what
//    the issue's API adds to every message in its least costly form (validation, and a `for await` step per
//    result). Each round runs every contender once, in a rotating order; the figure judged is the median of
//    the rounds' own ratios (the contenders of a round run seconds apart, so a slow stretch of a shared machine
//    slows both sides of a ratio, and one lucky or unlucky round moves a median little), with the ratio of the
//    best rounds and the ratio of the medians beside it. Run with a stub that
//    answers at once (the client's CPU per message against bare undici: the worst case), after 2 ms (a
//    platform in the same data centre) and after 20 ms (a short round trip to a real platform). The median CPU
//    time of the contender's process per round is reported beside the wall times: what each contender costs,
//    whatever the stub's pace.
// 2. Slow consumer: 20,000 messages, 20 ms answers, a consumer that spends 5 or 10 ms on every 200 results,
//    against the larger of its own time and the network's (the best any pipelining can do).
// 3. Memory: `sendAll` from an async generator, 100,000 vs 1,000,000 messages, each in a fresh child process
//    with a 32 MB heap: finishing 1,000,000 inside it is what shows the client keeps nothing per message. Peak
//    RSS is sampled every 20 ms; the live heap after a full GC at the end is reported beside it.
// 4. Machinery: the client against the floor with the contract (see `viaFloor`), both with a `fetch` answered
//    inside the process: the client's own cost per message, without the stub's and the sockets' noise.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const [mode, ...args] = process.argv.slice(2);
const CONCURRENCY = 4;
// Processes per contender in the overhead comparison (see `isolatedContenders`).
const INVOCATIONS = 3;
const MEMORY_RUN_HEAP_MB = 32;
const API_KEY = 'bench-key-0123456789abcdef';
const text = (i) => ({
  to: `2799${String(i % 10_000_000).padStart(7, '0')}`,
  content: `Hello, your code is ${i}`,
});

// The stub: answers every batch with accepted results built from the request's clientMessageIds, after
// `delayMs` (0: as fast as it can; 20: a modest round trip to a real platform).
function stub(delayMs) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const { messages } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const answers = messages.map((m) => ({
        messageId: randomBytes(16).toString('hex'),
        clientMessageId: m.clientMessageId,
        accepted: true,
        to: m.to,
        error: null,
      }));
      const answer = () =>
        res
          .writeHead(202, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: null, messages: answers }));
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
}

const best = (xs) => Math.min(...xs);
const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[Math.floor(mid)];
};
// The median of the rounds' own ratios a[i] / b[i]: each round runs every contender once, seconds apart.
const paired = (a, b) => median(a.map((x, round) => x / b[round]));

// Wall time and this process's CPU time (every thread: the collector's and the compiler's too) from now on.
function clock() {
  const start = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
  };
}

async function client(baseUrl, fetchFn) {
  const { createClient } = await import('../dist/index.js');
  return createClient({ apiKey: API_KEY, baseUrl, concurrency: CONCURRENCY, fetch: fetchFn });
}

async function viaClient(baseUrl, n, fetchFn) {
  const c = await client(baseUrl, fetchFn);
  const messages = Array.from({ length: n }, (_, i) => text(i));
  const stop = clock();
  let accepted = 0;
  for await (const r of c.sendAll(messages)) if (r.accepted) accepted++;
  if (accepted !== n) throw new Error(`client: ${accepted} of ${n} accepted`);
  return stop();
}

// The raw loop: the messages are batched beforehand, 200 to a batch, each with its clientMessageId, and the
// loop `fetch`es each batch as anyone would by hand: serialized into the request's body, the answer parsed and
// counted. With `serialized`, the bodies are serialized beforehand too, so the loop only `fetch`es strings: the
// bare cost of the requests, with nothing of the messages' JSON left to the loop.
async function viaRawLoop(baseUrl, n, serialized = false) {
  const { createClientMessageId } = await import('../dist/index.js');
  const batches = [];
  for (let i = 0; i < n; i += 200) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 200); j++)
      batch.push({ ...text(j), clientMessageId: createClientMessageId() });
    batches.push(serialized ? JSON.stringify({ messages: batch }) : batch);
  }
  const headers = { Authorization: API_KEY, 'Content-Type': 'application/json', Accept: 'application/json' };
  const stop = clock();
  let next = 0;
  let accepted = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const body = serialized ? batch : JSON.stringify({ messages: batch });
      const res = await fetch(`${baseUrl}/wa/messages`, { method: 'POST', headers, body });
      for (const m of (await res.json()).messages) if (m.accepted) accepted++;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (accepted !== n) throw new Error(`raw: ${accepted} of ${n} accepted`);
  return stop();
}

// The floor: what any client owes per message before validating anything: a clientMessageId, the message
// serialized into a 200-message body, the answer parsed and one result object per message, with the same
// fetch and concurrency. floor / raw is the best ratio any client can reach. With `contract`, the floor also
// does the two things the issue's API asks of every message, in their least costly form: each message checked
// by the core's `validateMessage` (and its output serialized), and each result handed to the caller's
// `for await` through a bare async iterator that reads settled batches.
async function viaFloor(baseUrl, n, contract = false, fetchFn = fetch) {
  const { createClientMessageId, validateMessage } = await import('../dist/index.js');
  const messages = Array.from({ length: n }, (_, i) => text(i));
  const headers = { Authorization: API_KEY, 'Content-Type': 'application/json', Accept: 'application/json' };
  const stop = clock();
  let next = 0;
  let accepted = 0;
  const settled = [];
  let wake;
  const worker = async () => {
    while (next < n) {
      const first = next;
      next = Math.min(n, next + 200);
      const parts = [];
      const ids = [];
      for (let i = first; i < next; i++) {
        const id = createClientMessageId();
        ids.push(id);
        let message = messages[i];
        if (contract) {
          const checked = validateMessage(message);
          if (!checked.success) throw new Error(`floor: message ${i} is invalid`);
          message = checked.output;
        }
        parts.push(`${JSON.stringify(message).slice(0, -1)},"clientMessageId":"${id}"}`);
      }
      const body = `{"messages":[${parts.join(',')}]}`;
      const res = await fetchFn(`${baseUrl}/wa/messages`, { method: 'POST', headers, body });
      const answers = JSON.parse(await res.text()).messages;
      const results = new Array(ids.length);
      for (let k = 0; k < ids.length; k++) {
        const a = answers[k];
        results[k] = {
          index: first + k,
          clientMessageId: ids[k],
          accepted: a.accepted,
          messageId: a.messageId,
        };
      }
      if (!contract) {
        for (const result of results) if (result.accepted) accepted++;
        continue;
      }
      settled.push(results);
      wake?.();
    }
  };
  const sending = Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (contract) {
    let finished = false;
    sending.then(() => {
      finished = true;
      wake?.();
    });
    let batch = [];
    let position = 0;
    const wait = async () => {
      while (position >= batch.length) {
        if (settled.length > 0) {
          batch = settled.shift();
          position = 0;
        } else if (finished) return { done: true, value: undefined };
        else await new Promise((resolve) => (wake = resolve));
      }
      return { done: false, value: batch[position++] };
    };
    const iterator = {
      next: () =>
        position < batch.length ? Promise.resolve({ done: false, value: batch[position++] }) : wait(),
      [Symbol.asyncIterator]: () => iterator,
    };
    for await (const result of iterator) if (result.accepted) accepted++;
  }
  await sending;
  if (accepted !== n) throw new Error(`floor: ${accepted} of ${n} accepted`);
  return stop();
}

// A consumer that spends `consumerMs` on every 200 results (a database write per batch), one after another.
async function viaSlowConsumer(baseUrl, n, consumerMs) {
  const c = await client(baseUrl);
  const messages = Array.from({ length: n }, (_, i) => text(i));
  const start = performance.now();
  let accepted = 0;
  let pending = 0;
  for await (const r of c.sendAll(messages)) {
    if (r.accepted) accepted++;
    if (++pending === 200) {
      pending = 0;
      await new Promise((resolve) => setTimeout(resolve, consumerMs));
    }
  }
  if (accepted !== n) throw new Error(`slow consumer: ${accepted} of ${n} accepted`);
  return performance.now() - start;
}

// Child: sendAll from an async generator, sampling RSS.
async function memory(baseUrl, n) {
  const c = await client(baseUrl);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  async function* source() {
    for (let i = 0; i < n; i++) yield text(i);
  }
  const start = performance.now();
  let accepted = 0;
  for await (const r of c.sendAll(source())) if (r.accepted) accepted++;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const ms = performance.now() - start;
  // Live heap after a full GC: if the client kept anything per message, it would grow with n.
  globalThis.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
  process.send({ n, accepted, peakRssMb: peak / 2 ** 20, heapMb, ms });
}

function child(argv) {
  return new Promise((resolve, reject) => {
    // Memory runs get a small, fixed heap: finishing 1,000,000 messages inside it shows the client keeps
    // nothing per message, and it keeps the collector's timing from deciding the peak RSS.
    const heap = argv[0] === 'memory' ? [`--max-old-space-size=${MEMORY_RUN_HEAP_MB}`] : [];
    const p = fork(import.meta.filename, argv, { stdio: 'inherit', execArgv: ['--expose-gc', ...heap] });
    p.once('message', (m) => resolve({ process: p, message: m }));
    p.once('error', reject);
    p.once('exit', (code) => code && reject(new Error(`child ${argv[0]} exited with ${code}`)));
  });
}

// Runs `run` against a stub in a child process answering after `delayMs`, and stops the stub after it.
async function withStub(delayMs, run) {
  const { process: stubProcess, message } = await child(['stub', String(delayMs)]);
  try {
    return await run(`http://127.0.0.1:${message.port}`);
  } finally {
    stubProcess.kill();
  }
}

// Every contender, sending `n` messages to `url`, in the order `compare` rotates them.
const CONTENDERS = {
  raw: (url, n) => viaRawLoop(url, n),
  client: (url, n) => viaClient(url, n),
  floor: (url, n) => viaFloor(url, n),
  contract: (url, n) => viaFloor(url, n, true),
  bare: (url, n) => viaRawLoop(url, n, true),
};

// A contender in a process of its own: it runs `n` messages whenever the parent asks, and answers with the
// timing. Every contender's code, heap and JIT feedback (undici's included) are then its own, as in a user's
// process, where no other fetch loop shares them.
function contenderProcess(name, baseUrl) {
  process.on('message', async ({ n }) => process.send(await CONTENDERS[name](baseUrl, n)));
  process.on('disconnect', () => process.exit(0));
  process.send({ ready: name });
}

// Each contender gets `invocations` processes, and its rounds take turns among them. A process's JIT decides
// how fast that process runs for good (when V8's background compiles land, on 2 busy vCPUs): the client's CPU
// per round varied by a third from one process to the next (BENCHMARKS.md). Judging a contender by one
// process would judge that process's luck; several, each warmed up, judge the contender.
async function isolatedContenders(baseUrl, n, invocations) {
  const processes = {};
  for (const name of Object.keys(CONTENDERS)) {
    processes[name] = [];
    for (let k = 0; k < invocations; k++)
      processes[name].push((await child(['contender', name, baseUrl])).process);
  }
  const run = (p) =>
    new Promise((resolve, reject) => {
      p.once('message', resolve);
      p.once('exit', (code) => reject(new Error(`contender exited with ${code}`)));
      p.send({ n });
    }).finally(() => p.removeAllListeners('exit'));
  const next = Object.fromEntries(Object.keys(processes).map((name) => [name, 0]));
  return {
    contenders: Object.fromEntries(
      Object.entries(processes).map(([name, ps]) => [name, () => run(ps[next[name]++ % ps.length])]),
    ),
    stop: () => {
      for (const ps of Object.values(processes)) for (const p of ps) p.kill();
    },
  };
}

// `invocations`: processes per contender (see `isolatedContenders`); 0 runs every contender in this process.
async function compare(delayMs, rounds, invocations = INVOCATIONS) {
  return withStub(delayMs, async (baseUrl) => {
    const n = 100_000;
    const own = invocations > 0 ? await isolatedContenders(baseUrl, n, invocations) : undefined;
    const contenders =
      own?.contenders ??
      Object.fromEntries(Object.entries(CONTENDERS).map(([name, run]) => [name, () => run(baseUrl, n)]));
    const names = Object.keys(contenders);
    // Warm-up, twice in every process: the JIT keeps improving fetch and the client over the first few
    // 100,000s of messages.
    for (let i = 0; i < 2 * Math.max(1, invocations); i++) for (const name of names) await contenders[name]();
    const timings = Object.fromEntries(names.map((name) => [name, []]));
    // Each round starts with the next contender, and every other round runs them backwards: none always runs
    // first, or always right after the same other one (and its garbage). Round r of every contender runs in
    // its process r mod `invocations`.
    for (let round = 0; round < rounds; round++) {
      const order = names.map((_, k) => names[(round + k) % names.length]);
      for (const name of round % 2 ? order.reverse() : order) timings[name].push(await contenders[name]());
    }
    own?.stop();
    const wall = Object.fromEntries(names.map((name) => [name, timings[name].map((t) => t.ms)]));
    const cpu = (name) => timings[name].map((t) => t.cpuMs);
    const rate = (ms) =>
      Math.round((n * 1000) / ms)
        .toLocaleString('en')
        .padStart(9);
    const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
    // The wall-time ratio a / b, in the sense of throughput b / a: the median of each round's ratio, then the
    // ratio of the best rounds and that of the medians.
    const ratio = (a, b) =>
      `${paired(wall[a], wall[b]).toFixed(2)} (best rounds ${(best(wall[a]) / best(wall[b])).toFixed(2)}, medians ${(median(wall[a]) / median(wall[b])).toFixed(2)})`;
    const met = paired(wall.raw, wall.client) >= 0.9;
    console.log(
      `overhead, stub answering after ${delayMs} ms: ${n.toLocaleString('en')} texts, concurrency ${CONCURRENCY}, ${rounds} rounds, ${invocations > 1 ? `each contender in ${invocations} processes of its own, taking turns` : invocations === 1 ? 'each contender in a process of its own' : 'every contender in this process'}`,
    );
    const labels = {
      raw: 'raw fetch loop (serializes each batch)',
      client: 'client.sendAll',
      floor: 'floor (ids, JSON, results only)',
      contract: 'floor + validation + for await per result',
      bare: 'raw loop, bodies serialized beforehand',
    };
    for (const name of names)
      console.log(
        `  ${labels[name].padEnd(40)} ${rate(best(wall[name]))} msg/s  (rounds ${list(wall[name])} ms)`,
      );
    console.log(`  ratio client/raw ${ratio('raw', 'client')}  (target >= 0.90: ${met ? 'met' : 'NOT met'})`);
    console.log(`  ratio client/bare ${ratio('bare', 'client')}  (against fetch alone, no JSON in the loop)`);
    // The best any client can reach without the contract's validation and per-result steps, and with them.
    console.log(
      `  ratio floor/raw ${ratio('raw', 'floor')}; floor with validation and for await/raw ${ratio('raw', 'contract')}`,
    );
    const perMessage = (ms) => (((ms - best(wall.raw)) / n) * 1000).toFixed(2);
    console.log(
      `  added per message over raw: client ${perMessage(best(wall.client))} us, floor ${perMessage(best(wall.floor))} us`,
    );
    // CPU time says what each contender costs its process, whatever the stub's pace: the raw loop waits for the
    // stub (its process idles) while the client is busy, so the CPU ratio is lower than the wall ratio.
    const cpuMedian = Object.fromEntries(names.map((name) => [name, median(cpu(name))]));
    console.log(
      `  CPU per round, median: ${names.map((name) => `${name} ${cpuMedian[name].toFixed(0)} ms`).join(', ')}; client ${(((cpuMedian.client - cpuMedian.raw) / n) * 1000).toFixed(2)} us per message more than raw (ratio ${(cpuMedian.raw / cpuMedian.client).toFixed(2)})`,
    );
    // How far a contender's processes differ: the median CPU per round of each, for the client and the raw loop.
    if (invocations > 1) {
      const perProcess = (name) =>
        Array.from({ length: invocations }, (_, k) =>
          median(cpu(name).filter((_, round) => round % invocations === k)).toFixed(0),
        ).join(', ');
      console.log(
        `  CPU per round in each process, median: client ${perProcess('client')}; raw ${perProcess('raw')} ms`,
      );
    }
  });
}

// A platform inside the process, for `machinery`: it answers every request at once, every message accepted,
// from the ids in the body, with no socket, HTTP parser or stub process in between.
const ID_IN_BODY = /"clientMessageId":"([0-9a-f]{32})"/g;
async function answerAtOnce(_url, init) {
  const answers = [];
  for (const [, id] of init.body.matchAll(ID_IN_BODY))
    answers.push(`{"messageId":"${id}","clientMessageId":"${id}","accepted":true,"error":null}`);
  const body = `{"error":null,"messages":[${answers.join(',')}]}`;
  return { status: 202, headers: new Headers(), text: async () => body };
}

// The client against the contract floor with `fetch` answered in the process (`answerAtOnce`): what is left
// is the client's own machinery (engine, batcher, timeouts, answer checks), free of the network's noise.
async function machinery(rounds) {
  const n = 100_000;
  const contenders = {
    contract: () => viaFloor('http://platform.test', n, true, answerAtOnce),
    client: () => viaClient('http://platform.test', n, answerAtOnce),
  };
  const names = Object.keys(contenders);
  for (let i = 0; i < 2; i++) for (const name of names) await contenders[name]();
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++)
    for (const name of round % 2 ? [...names].reverse() : names)
      times[name].push((await contenders[name]()).ms);
  const us = (ms) => ((ms / n) * 1000).toFixed(2);
  console.log(`machinery: ${n.toLocaleString('en')} texts, fetch answered in the process, ${rounds} rounds`);
  for (const name of names)
    console.log(
      `  ${name.padEnd(9)} ${us(best(times[name]))} us per message (median ${us(median(times[name]))})`,
    );
  const extra = median(times.client.map((ms, round) => ms - times.contract[round]));
  console.log(
    `  the client's machinery: ${us(extra)} us per message; contract/client ${paired(times.contract, times.client).toFixed(2)} (medians of the rounds)`,
  );
}

async function slowConsumer(rounds) {
  return withStub(20, async (baseUrl) => {
    const n = 20_000;
    const network = Math.min((await viaRawLoop(baseUrl, n)).ms, (await viaRawLoop(baseUrl, n)).ms);
    console.log(
      `slow consumer: ${n.toLocaleString('en')} texts, stub answering after 20 ms, concurrency ${CONCURRENCY}, best of ${rounds}`,
    );
    console.log(`  raw fetch loop, no consumer work: ${network.toFixed(0)} ms`);
    for (const consumerMs of [5, 10]) {
      const times = [];
      for (let round = 0; round < rounds; round++) times.push(await viaSlowConsumer(baseUrl, n, consumerMs));
      const alone = (n / 200) * consumerMs;
      const best = Math.min(...times);
      console.log(
        `  consumer ${consumerMs} ms per 200 results: ${best.toFixed(0)} ms (the consumer alone: ${alone} ms, network alone: ${network.toFixed(0)} ms; ${(best / Math.max(alone, network)).toFixed(2)}x the larger)`,
      );
    }
  });
}

async function main(only) {
  if (only === 'slow') return slowConsumer(3);
  if (only === 'machinery') return machinery(12);
  if (only === 'shared') return compare(0, 10, 0);
  await compare(0, 12);
  if (only === 'zero') return;
  await compare(0, 10, 0);
  await compare(2, 6);
  await compare(20, 2, 1);
  await slowConsumer(3);
  await machinery(12);
  return withStub(0, async (baseUrl) => {
    console.log(
      `memory: sendAll from an async generator, fresh process per run, heap capped at ${MEMORY_RUN_HEAP_MB} MB`,
    );
    const peaks = [];
    for (const count of [100_000, 1_000_000]) {
      const run = await child(['memory', baseUrl, String(count)]);
      run.process.kill();
      const m = run.message;
      if (m.accepted !== count) throw new Error(`memory run: ${m.accepted} of ${count} accepted`);
      peaks.push(m.peakRssMb);
      console.log(
        `  ${count.toLocaleString('en').padStart(9)} messages  peak RSS ${m.peakRssMb.toFixed(1)} MB, heap after GC ${m.heapMb.toFixed(1)} MB  (${Math.round((count * 1000) / m.ms).toLocaleString('en')} msg/s)`,
      );
    }
    console.log(`  1,000,000 / 100,000 peak RSS ratio ${(peaks[1] / peaks[0]).toFixed(2)}`);
  });
}

// `rounds <raw|bare|floor|contract|client> <R> [n]`: one contender, R rounds of n (100,000) messages against a
// stub answering at once, and nothing else: for counting instructions, which repeat where timings do not.
// Under callgrind (the stub, a child process, is not traced):
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --single-threaded bench/client.bench.mjs rounds client 3 20000
// and the same with 1 round: the difference, halved, is one round.
async function rounds(name, count, n = 100_000) {
  const contender = CONTENDERS[name];
  if (!contender) throw new Error(`rounds: no contender "${name}" (${Object.keys(CONTENDERS).join(', ')})`);
  return withStub(0, async (baseUrl) => {
    for (let i = 0; i < count; i++) await contender(baseUrl, n);
  });
}

if (mode === 'stub') stub(Number(args[0] ?? 0));
else if (mode === 'contender') contenderProcess(args[0], args[1]);
else if (mode === 'memory') await memory(args[0], Number(args[1]));
else if (mode === 'rounds') await rounds(args[0], Number(args[1]), args[2] ? Number(args[2]) : undefined);
else await main(mode);
