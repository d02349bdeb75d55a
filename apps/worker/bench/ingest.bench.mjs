// Ingest benchmark: status callbacks into the gateway in workerd, driven through Miniflare's API directly
// (wrangler dev's proxy and request logging would dominate), with autocannon at 50 connections, against two
// baselines on the same workerd in the same run: a bare hono route, and one D1 INSERT per request.
// Loopback only; every run is a fixed number of requests. Prints a Markdown table for BENCHMARKS.md.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const CONNECTIONS = 50;
// Each target runs for a fixed time, and never past a fixed number of requests.
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_REQUESTS = 100_000;
const WARMUP_SECONDS = 2;
const CLK_TCK = 100;
const credentials = { username: 'clickatell', password: 'bench-callback-password' };

const wrangler = readFileSync(join(root, 'wrangler.jsonc'), 'utf8');
const compatibilityDate = /"compatibility_date":\s*"([^"]+)"/.exec(wrangler)[1];

const bundle = await build({
  entryPoints: [join(here, 'bench-worker.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  minify: true,
  write: false,
});

const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  compatibilityDate,
  host: '127.0.0.1',
  port: 0,
  d1Databases: { DB: 'bench' },
  r2Buckets: { MEDIA: 'bench-media' },
  queueProducers: { EVENTS: { queueName: 'clickwa-events' } },
  bindings: {
    API_TOKEN: 'bench-token',
    CALLBACK_USERNAME: credentials.username,
    CALLBACK_PASSWORD: credentials.password,
    INTEGRATIONS: '[]',
  },
});
const url = await mf.ready;
const db = await mf.getD1Database('DB');
for (const migration of await readD1Migrations(join(root, 'migrations'))) {
  await db.batch(migration.queries.map((q) => db.prepare(q)));
}
await db.exec('CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');

/** CPU seconds (user + system) of the workerd processes Miniflare started. */
function workerdCpuSeconds() {
  let ticks = 0;
  const { readdirSync } = globalThis.process.getBuiltinModule('node:fs');
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (comm === 'workerd' && Number(fields[1]) === process.pid)
        ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / CLK_TCK;
}

let seq = 0;
const codes = [2, 3, 4, 27];
/** A distinct status callback each time (a fresh messageId every four), so dedup never short-cuts a write. */
function statusCallback() {
  const n = seq++;
  return JSON.stringify({
    integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
    integrationName: 'Bench',
    timestamp: 1_760_000_000_000 + n,
    statusCode: codes[n % 4],
    status: 'X',
    messageId: `bench${Math.floor(n / 4)
      .toString(16)
      .padStart(27, '0')}`,
    clientMessageId: null,
    ...credentials,
  });
}

function load(path, duration) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: new URL(path, url).href,
        connections: CONNECTIONS,
        duration,
        maxOverallRequests: MAX_REQUESTS,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [{ setupRequest: (req) => ({ ...req, body: statusCallback() }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const targets = [
  ['bare hono route (200)', '/bench/bare'],
  ['one D1 INSERT (200)', '/bench/insert'],
  ['gateway POST /clickatell/status', '/clickatell/status'],
  ['(diagnostic) gateway, Queue send of its drains a no-op', '/bench/no-queue'],
  ["(diagnostic) the gateway's INSERT alone", '/bench/gateway-sql'],
  ['(diagnostic) gateway, store a no-op', '/bench/no-store'],
];
// Rounds interleave the targets, so drift on a shared machine hits them alike; the median round is reported.
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const samples = targets.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, [, path]] of targets.entries()) {
    await load(path, WARMUP_SECONDS);
    const cpuBefore = workerdCpuSeconds();
    const result = await load(path, SECONDS);
    const cpu = workerdCpuSeconds() - cpuBefore;
    const total = result.requests.total;
    samples[i].push({
      rps: total / SECONDS,
      p50: result.latency.p50,
      p99: result.latency.p99,
      cpuMs: (cpu * 1000) / total,
      non2xx: result.non2xx + result.errors + result.timeouts,
    });
  }
}
const rows = targets.map(([name], i) => ({
  name,
  rps: median(samples[i].map((s) => s.rps)),
  p50: median(samples[i].map((s) => s.p50)),
  p99: median(samples[i].map((s) => s.p99)),
  cpuMs: median(samples[i].map((s) => s.cpuMs)),
  non2xx: samples[i].reduce((n, s) => n + s.non2xx, 0),
  spread: samples[i].map((s) => Math.round(s.rps)).join(' / '),
}));
if (rows.some((r) => r.non2xx > 0)) console.error('WARNING: some requests failed; the figures are not valid');

// The drain: what is still pending after the load, then DRAIN_EVENTS seeded entries, handed to the local
// Queue in batches (sendBatch) by one drain, timed from here.
const DRAIN_EVENTS = Number(process.env.BENCH_DRAIN_EVENTS ?? 20_000);
const benchCall = async (path) => {
  const response = await fetch(new URL(path, url));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
await benchCall('/bench/drain');
const drainRuns = [];
for (let round = 0; round < ROUNDS; round++) {
  await benchCall(`/bench/seed-outbox?n=${DRAIN_EVENTS}`);
  const t0 = performance.now();
  const report = await benchCall('/bench/drain');
  drainRuns.push({ ...report, seconds: (performance.now() - t0) / 1000 });
}
const drainRate = median(drainRuns.map((r) => r.handedOff / r.seconds));
const stored = await db.prepare("SELECT COUNT(*) AS n FROM events WHERE message_id LIKE 'bench%'").first();
await mf.dispose();

const insert = rows[1];
console.log(
  `Ingest benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()})`,
);
console.log(
  `autocannon, ${CONNECTIONS} connections, ${SECONDS} s per target and round after ${WARMUP_SECONDS} s of warm-up, ${ROUNDS} interleaved rounds (median), Miniflare ${compatibilityDate}\n`,
);
console.log(
  '| target | requests/s | vs one INSERT | p50 ms | p99 ms | workerd CPU per request | non-2xx | requests/s by round |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const ratio = (r.rps / insert.rps).toFixed(2);
  console.log(
    `| ${r.name} | ${Math.round(r.rps)} | ${ratio}x | ${r.p50} | ${r.p99} | ${r.cpuMs.toFixed(2)} ms | ${r.non2xx} | ${r.spread} |`,
  );
}
console.log(`\nDistinct status callbacks stored by the gateway during the run: ${stored.n}.`);
const gatewayRatio = rows[2].rps / insert.rps;
console.log(
  `\nGateway / one INSERT: ${gatewayRatio.toFixed(2)}x (target >= 0.8): ${gatewayRatio >= 0.8 ? 'met' : 'NOT met'}.`,
);
console.log(
  `Drain: ${Math.round(drainRate)} events handed off per second (median of ${ROUNDS} runs of ${DRAIN_EVENTS} pending entries; ${drainRuns
    .map((r) => `${r.handedOff} in ${r.batches} batches, ${r.seconds.toFixed(2)} s`)
    .join(' / ')}).`,
);
