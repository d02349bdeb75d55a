// `pnpm reliability` (CLICKWA_RELIABILITY=full: the full counts, figures written to RELIABILITY.md) and its
// short form inside `pnpm test` (smaller counts, nothing written): the suites of @clickwa/webhook/testing
// against the gateway in workerd, each part on a fresh gateway (Miniflare on a loopback port, in a process
// group of its own). Exits 1 when any promise broke.
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
// The URL token of One API callbacks: the suites send One API bodies too.
const callbackToken = 'reliability-callback-token-0123456789';
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
    CALLBACK_TOKEN: callbackToken,
    INTEGRATIONS: '[]',
    // A short stall bound and lease, so stalled bodies and failed hand-offs are seen through quickly.
    BODY_STALL_MS: String(BODY_STALL_MS),
    OUTBOX_LEASE_MS: '1000',
  },
};

const processes = gatewayProcesses();
let configs = 0;
/** Starts the gateway in a detached child (its own process group, workerd included); resolves its URL. */
function startGateway(persistDir) {
  const config = join(work, `config-${++configs}.json`);
  writeFileSync(config, JSON.stringify({ ...baseConfig, persistDir }));
  return processes.start(process.execPath, [join(here, 'serve-gateway.mjs'), bundlePath, config], {
    cwd: root,
  });
}

const limits = {
  statusCallbackBytes: GATEWAY_LIMITS.statusCallbackBytes,
  inboundCallbackBytes: GATEWAY_LIMITS.inboundCallbackBytes,
  bodyStallMs: BODY_STALL_MS,
  maxJsonDepth: GATEWAY_LIMITS.maxJsonDepth,
};
/** The suite's view of a gateway at `url`; the drain is the Worker's scheduled handler, as a Cron Trigger runs it. */
const targetAt = (url) =>
  httpTarget(url, {
    apiToken: API_TOKEN,
    callback: credentials,
    callbackToken,
    limits,
    drain: async (at) => {
      await (await fetch(new URL('/cdn-cgi/handler/scheduled', at))).arrayBuffer();
    },
  });

let reports;
try {
  const persistDir = join(work, 'persist');
  let current;
  reports = await runAllParts(
    async (run) => {
      const { child, url } = await startGateway(undefined);
      try {
        return await run(targetAt(url));
      } finally {
        await processes.kill(child);
      }
    },
    {
      async start() {
        current = await startGateway(persistDir);
        return targetAt(current.url);
      },
      kill: () => processes.kill(current.child),
      dispose: () => processes.kill(current.child),
    },
    COUNTS,
    SEED,
  );
} finally {
  await processes.killAll();
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
const failed = reports.filter(brokePromise);
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
