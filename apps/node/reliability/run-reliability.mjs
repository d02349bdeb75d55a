// `pnpm reliability` (CLICKWA_RELIABILITY=full: the full counts, figures written to RELIABILITY.md) and its
// short form inside `pnpm test` (smaller counts, SQLite only, nothing written): the suites of
// @clickwa/webhook/testing against the Node gateway (serve-gateway.mjs), on SQLite and on Postgres (an
// embedded cluster), each part on a fresh database, the gateway in a process group of its own. Exits 1 when
// any promise broke.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATEWAY_LIMITS } from '@clickwa/webhook';
import {
  brokePromise,
  gatewayProcesses,
  httpTarget,
  reliabilitySection,
  replaceSection,
  runAllParts,
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
// The URL token of One API callbacks: the suites send One API bodies too.
const callbackToken = 'reliability-callback-token-0123456789';
const API_TOKEN = 'reliability-api-token';
const BODY_STALL_MS = 1_000;
const work = mkdtempSync(join(tmpdir(), 'clickwa-node-reliability-'));
const processes = gatewayProcesses();

function startGateway(databaseUrl) {
  return processes.start(process.execPath, [join(here, 'serve-gateway.mjs'), databaseUrl], {
    env: {
      PATH: process.env.PATH,
      API_TOKEN,
      CALLBACK_USERNAME: credentials.username,
      CALLBACK_PASSWORD: credentials.password,
      CALLBACK_TOKEN: callbackToken,
      // A short stall bound and lease, so stalled bodies and failed hand-offs are seen through quickly.
      BODY_STALL_MS: String(BODY_STALL_MS),
      OUTBOX_LEASE_MS: '1000',
    },
  });
}

const limits = {
  statusCallbackBytes: GATEWAY_LIMITS.statusCallbackBytes,
  inboundCallbackBytes: GATEWAY_LIMITS.inboundCallbackBytes,
  bodyStallMs: BODY_STALL_MS,
  maxJsonDepth: GATEWAY_LIMITS.maxJsonDepth,
};
const targetAt = (url) =>
  httpTarget(url, { apiToken: API_TOKEN, callback: credentials, callbackToken, limits });

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

const sections = [];
let failed = [];
try {
  for (const store of STORES) {
    const databaseUrl = await freshDatabase(store);
    let current;
    const reports = await runAllParts(
      async (run) => {
        const { child, url } = await startGateway(await freshDatabase(store));
        try {
          return await run(targetAt(url));
        } finally {
          await processes.kill(child);
        }
      },
      {
        async start() {
          current = await startGateway(databaseUrl);
          return targetAt(current.url);
        },
        kill: () => processes.kill(current.child),
        dispose: () => processes.kill(current.child),
      },
      COUNTS,
      SEED,
    );
    await processes.kill(current.child);
    const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
    const section = reliabilitySection(reports, {
      gateway: `apps/node: the Node gateway on ${store === 'sqlite' ? 'SQLite (synchronous FULL, group commit)' : 'Postgres (embedded cluster)'}`,
      howToRun: 'pnpm reliability',
      date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      machine: `${cpus().length} CPUs (${cpu}), Node ${process.version}, shared with other work`,
    });
    console.log(section);
    sections.push([`node-${store}`, section]);
    failed = failed.concat(reports.filter(brokePromise).map((r) => `${store} ${r.part}`));
  }
} finally {
  await processes.killAll();
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
