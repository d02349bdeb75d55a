// `pnpm reliability` (CLICKWA_RELIABILITY=full: the full counts, figures written to RELIABILITY.md) and its
// short form inside `pnpm test` (smaller counts, SQLite only, nothing written): the suites of
// @clickwa/webhook/testing against the Node gateway (serve-gateway.mjs), on SQLite and on Postgres (an
// embedded cluster), each part on a fresh database, the gateway in a process group of its own. Exits 1 when
// any promise broke.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_LIMITS } from '@clickwa/webhook';
import {
  reliabilitySection,
  replaceSection,
  runFaults,
  runFuzz,
  runSigkill,
  runStorm,
} from '@clickwa/webhook/testing';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const full = process.env.CLICKWA_RELIABILITY === 'full';
const COUNTS = full
  ? { fuzz: 10_000, storm: 10_000, faults: 2_000, sigkill: 4_000 }
  : { fuzz: 100, storm: 300, faults: 100, sigkill: 300 };
const STORES = full ? ['sqlite', 'postgres'] : ['sqlite'];
const SEED = Number(process.env.CLICKWA_RELIABILITY_SEED ?? 20261207);
const credentials = { username: 'clickatell', password: 'reliability-callback-password' };
const API_TOKEN = 'reliability-api-token';
const BODY_STALL_MS = 1_000;
const work = mkdtempSync(join(tmpdir(), 'clickwa-node-reliability-'));
const children = new Set();

function startGateway(databaseUrl) {
  const child = spawn(process.execPath, [join(here, 'serve-gateway.mjs'), databaseUrl], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      API_TOKEN,
      CALLBACK_USERNAME: credentials.username,
      CALLBACK_PASSWORD: credentials.password,
      // A short stall bound and lease, so stalled bodies and failed hand-offs are seen through quickly.
      BODY_STALL_MS: String(BODY_STALL_MS),
      OUTBOX_LEASE_MS: '1000',
    },
  });
  children.add(child);
  let log = '';
  child.stderr.on('data', (d) => {
    log = (log + d).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      if (!out.includes('\n')) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({ child, url: JSON.parse(out.split('\n')[0]).url });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the gateway exited (${code}) before it was ready:\n${log}`)),
    );
  });
}

/** SIGKILL to the child's process group, and waits for it to be gone. */
async function killGateway(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  await gone;
  children.delete(child);
}

const limits = {
  statusCallbackBytes: GATEWAY_LIMITS.statusCallbackBytes,
  inboundCallbackBytes: GATEWAY_LIMITS.inboundCallbackBytes,
  bodyStallMs: BODY_STALL_MS,
  maxJsonDepth: GATEWAY_LIMITS.maxJsonDepth,
};

function targetAt(url) {
  const post = async (path, body) => {
    const response = await fetch(new URL(path, url), { method: 'POST', body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  return {
    baseUrl: url,
    apiToken: API_TOKEN,
    callback: credentials,
    limits,
    async inspect(keys) {
      const rows = await post('/__reliability/inspect', keys);
      return new Map(
        rows.map((r) => [r.key, { events: r.events, outbox: r.outbox, handedOff: r.handedOff }]),
      );
    },
    drain: () => post('/__reliability/drain', {}).then(() => undefined),
    setFaultRate: (rate) => post('/__reliability/faults', { rate }).then(() => undefined),
  };
}

const pg = STORES.includes('postgres') ? await startEmbeddedPostgres() : undefined;
let databases = 0;
/** A fresh database: a new SQLite file, or a new Postgres database in the cluster. */
async function freshDatabase(store) {
  const name = `reliability_${++databases}`;
  if (store === 'sqlite') return join(work, `${name}.db`);
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  return pg.url.replace(/\/postgres$/, `/${name}`);
}

async function onFreshGateway(store, run) {
  const { child, url } = await startGateway(await freshDatabase(store));
  try {
    return await run(targetAt(url));
  } finally {
    await killGateway(child);
  }
}

const sections = [];
let failed = [];
try {
  for (const store of STORES) {
    const reports = [];
    reports.push(await onFreshGateway(store, (t) => runFuzz(t, { bodies: COUNTS.fuzz, seed: SEED })));
    reports.push(await onFreshGateway(store, (t) => runStorm(t, { callbacks: COUNTS.storm, seed: SEED })));
    reports.push(await onFreshGateway(store, (t) => runFaults(t, { callbacks: COUNTS.faults, seed: SEED })));
    const databaseUrl = await freshDatabase(store);
    let current;
    reports.push(
      await runSigkill(
        {
          async start() {
            current = await startGateway(databaseUrl);
            return targetAt(current.url);
          },
          kill: () => killGateway(current.child),
          dispose: () => killGateway(current.child),
        },
        { callbacks: COUNTS.sigkill, seed: SEED },
      ),
    );
    await killGateway(current.child);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const section = reliabilitySection(reports, {
      gateway: `apps/node: the Node gateway on ${store === 'sqlite' ? 'SQLite (synchronous FULL, group commit)' : 'Postgres (embedded cluster)'}`,
      howToRun: 'pnpm reliability',
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      machine: `${cpus().length} CPUs (${cpu}), Node ${process.version}, shared with other work`,
    });
    console.log(section);
    sections.push([`node-${store}`, section]);
    failed = failed.concat(
      reports
        .filter((r) => r.violations.length > 0 || r.checks.some((c) => !c.ok))
        .map((r) => `${store} ${r.part}`),
    );
  }
} finally {
  for (const child of children) await killGateway(child);
  await pg?.stop();
  rmSync(work, { recursive: true, force: true });
}

if (full) {
  const file = join(here, '..', '..', '..', 'RELIABILITY.md');
  let document = readFileSync(file, 'utf8');
  for (const [id, section] of sections) document = replaceSection(document, id, section);
  writeFileSync(file, document);
  console.log(`Written to ${file}`);
}
if (failed.length > 0) {
  console.error(`Broken promises in: ${failed.join(', ')}`);
  process.exit(1);
}
