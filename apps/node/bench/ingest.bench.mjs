// Ingest benchmark of the Node gateway: status callbacks with autocannon at 64 connections, each target in a
// process of its own, in one run: the gateway on SQLite (synchronous FULL, group commit) against a bare hono
// route and an Express 5 route doing the same checks and one SQLite INSERT; the gateway on Postgres against a
// route doing one INSERT into the same Postgres (an embedded cluster). Every request is a distinct callback.
// Prints a Markdown table for BENCHMARKS.md. BENCH_SECONDS per target (default 3): the machine is shared.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';
import { CREDENTIALS } from './targets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const CONNECTIONS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const WARMUP_SECONDS = 1;
const dir = mkdtempSync(join(tmpdir(), 'clickwa-bench-'));

function start(target, database) {
  const child = spawn(process.execPath, [join(here, 'targets.mjs'), target, database ?? ''], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /listening on (\S+)/.exec(out);
      if (match) resolve({ url: match[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`${target} exited (${code})`)));
  });
}

let sequence = 0;
const run = (url, duration) =>
  autocannon({
    url: `${url}/clickatell/status`,
    connections: CONNECTIONS,
    duration,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            integrationId: 'fa8090815f05d5ed015f0b5b56080cd2',
            messageId: `bench${process.pid}x${++sequence}`,
            statusCode: 4,
            timestamp: 1_760_000_000_000 + sequence,
            ...CREDENTIALS,
          }),
        }),
      },
    ],
  });

async function measure(target, database) {
  const server = await start(target, database);
  try {
    await run(server.url, WARMUP_SECONDS);
    const r = await run(server.url, SECONDS);
    return {
      target,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      non2xx: r.non2xx + r.errors,
    };
  } finally {
    server.stop();
  }
}

// BENCH_TARGETS picks some (comma-separated); default all but the diagnostic.
const wanted = (
  process.env.BENCH_TARGETS ?? 'bare,gateway-sqlite,express-sqlite,insert-postgres,gateway-postgres'
)
  .split(',')
  .map((t) => t.trim());
const pg = wanted.some((t) => t.includes('postgres')) ? await startEmbeddedPostgres() : undefined;
const rows = [];
try {
  for (const target of wanted)
    rows.push(await measure(target, target.includes('postgres') ? pg.url : join(dir, `${target}.db`)));
} finally {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}

const by = Object.fromEntries(rows.map((r) => [r.target, r]));
const labels = {
  bare: 'bare hono route on @hono/node-server',
  'gateway-sqlite': '**gateway `POST /clickatell/status`, SQLite FULL, group commit**',
  'gateway-sqlite-no-drain': '(diagnostic) gateway on SQLite, no consumer: no drain',
  'gateway-memory': '(diagnostic) gateway on the memory store: the route alone',
  'express-sqlite': 'Express 5: JSON parser, same checks, one SQLite INSERT (FULL)',
  'insert-postgres': 'hono route, one INSERT into Postgres',
  'gateway-postgres': '**gateway `POST /clickatell/status`, Postgres**',
};
const ratio = (r) => {
  if (r.target === 'gateway-sqlite' && by.bare && by['express-sqlite'])
    return `${(r.rps / by.bare.rps).toFixed(2)}x bare (goal 0.5), ${(r.rps / by['express-sqlite'].rps).toFixed(2)}x Express (goal 3)`;
  if (r.target === 'gateway-postgres')
    return `${(r.rps / by['insert-postgres'].rps).toFixed(2)}x one INSERT (goal 0.8)`;
  if (by.bare && r.target !== 'bare') return `${(r.rps / by.bare.rps).toFixed(2)}x bare`;
  return '';
};
console.log(`| target | requests/s | ratio | p50 ms | p99 ms | non-2xx/errors |`);
console.log(`| --- | --- | --- | --- | --- | --- |`);
for (const r of rows)
  console.log(
    `| ${labels[r.target]} | ${Math.round(r.rps).toLocaleString('en')} | ${ratio(r)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`,
  );
