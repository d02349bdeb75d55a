// `pnpm reliability` (CLICKWA_RELIABILITY=full: the full counts, figures written to RELIABILITY.md) and its
// short form inside `pnpm test` (smaller counts, nothing written): the suites of @clickwa/webhook/testing
// against the gateway in workerd, each part on a fresh gateway (Miniflare on a loopback port, in a process
// group of its own). Exits 1 when any promise broke.
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
import { readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const full = process.env.CLICKWA_RELIABILITY === 'full';
const COUNTS = full
  ? { fuzz: 10_000, storm: 10_000, faults: 2_000, sigkill: 4_000 }
  : { fuzz: 200, storm: 500, faults: 200, sigkill: 400 };
const SEED = Number(process.env.CLICKWA_RELIABILITY_SEED ?? 20261207);
const credentials = { username: 'clickatell', password: 'reliability-callback-password' };
const API_TOKEN = 'reliability-api-token';
const BODY_STALL_MS = 1_000;

const work = mkdtempSync(join(tmpdir(), 'clickwa-reliability-'));
const bundlePath = join(work, 'worker.js');
await build({
  entryPoints: [join(here, 'reliability-worker.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  outfile: bundlePath,
  logLevel: 'error',
});
const wrangler = readFileSync(join(root, 'wrangler.jsonc'), 'utf8');
const baseConfig = {
  compatibilityDate: /"compatibility_date":\s*"([^"]+)"/.exec(wrangler)[1],
  migrations: await readD1Migrations(join(root, 'migrations')),
  bindings: {
    API_TOKEN,
    CALLBACK_USERNAME: credentials.username,
    CALLBACK_PASSWORD: credentials.password,
    INTEGRATIONS: '[]',
    // A short stall bound and lease, so stalled bodies and failed hand-offs are seen through quickly.
    BODY_STALL_MS: String(BODY_STALL_MS),
    OUTBOX_LEASE_MS: '1000',
  },
};

const children = new Set();
/** Starts the gateway in a detached child (its own process group, workerd included); resolves its URL. */
function startGateway(persistDir) {
  const config = join(work, `config-${children.size}-${Date.now()}.json`);
  writeFileSync(config, JSON.stringify({ ...baseConfig, persistDir }));
  const child = spawn(process.execPath, [join(here, 'serve-gateway.mjs'), bundlePath, config], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
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
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        // Keep reading (and dropping) the rest, so the child never blocks on a full pipe.
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ child, url: JSON.parse(line).url });
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the gateway exited (${code}) before it was ready:\n${log}`)),
    );
  });
}

/** SIGKILL to the child's whole process group (Node and workerd), and waits for the child to be gone. */
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

/** The suite's view of a gateway at `url`: HTTP, plus the test Worker's storage and fault routes. */
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
    async drain() {
      const response = await fetch(new URL('/cdn-cgi/handler/scheduled', url));
      await response.arrayBuffer();
    },
    async setFaultRate(rate) {
      await post('/__reliability/faults', { rate });
    },
  };
}

async function onFreshGateway(run) {
  const { child, url } = await startGateway(undefined);
  try {
    return await run(targetAt(url));
  } finally {
    await killGateway(child);
  }
}

const reports = [];
try {
  reports.push(await onFreshGateway((t) => runFuzz(t, { bodies: COUNTS.fuzz, seed: SEED })));
  reports.push(await onFreshGateway((t) => runStorm(t, { callbacks: COUNTS.storm, seed: SEED })));
  reports.push(await onFreshGateway((t) => runFaults(t, { callbacks: COUNTS.faults, seed: SEED })));
  const persistDir = join(work, 'persist');
  let current;
  reports.push(
    await runSigkill(
      {
        async start() {
          current = await startGateway(persistDir);
          return targetAt(current.url);
        },
        kill: () => killGateway(current.child),
        dispose: () => killGateway(current.child),
      },
      { callbacks: COUNTS.sigkill, seed: SEED },
    ),
  );
  await killGateway(current.child);
} finally {
  for (const child of children) await killGateway(child);
  rmSync(work, { recursive: true, force: true });
}

const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
const section = reliabilitySection(reports, {
  gateway: 'apps/worker: the gateway in workerd (Miniflare on a loopback port)',
  howToRun: 'pnpm reliability',
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  machine: `${cpus().length} CPUs (${cpu}), Node ${process.version}, shared with other work`,
});
console.log(section);
const failed = reports.filter((r) => r.violations.length > 0 || r.checks.some((c) => !c.ok));
if (full) {
  const file = join(root, '..', '..', 'RELIABILITY.md');
  let document;
  try {
    document = readFileSync(file, 'utf8');
  } catch {
    document = `# Reliability\n\nThe gateway under hostile input, storms, faults and SIGKILL: the suites of \`@clickwa/webhook/testing\`, run by \`pnpm reliability\` against each gateway over HTTP. The short form (smaller counts) runs in \`pnpm test\` and does not rewrite this file.\n`;
  }
  writeFileSync(file, replaceSection(document, 'workerd', section));
  console.log(`Written to ${file}`);
}
if (failed.length > 0) {
  console.error(`Broken promises in: ${failed.map((r) => r.part).join(', ')}`);
  process.exit(1);
}
