// The local stack: the emulator (Clickatell) and `wrangler dev` (the gateway on local D1, R2 and Queues),
// wired to each other. Used by `pnpm start` (scripts/start.mjs) and `pnpm demo` (scripts/demo.mjs).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveEmulator } from '@clickwa/emulator/node';
import { localIntegrations, localStackApi } from '@clickwa/webhook/testing';

export const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const WRANGLER = join(WORKER_DIR, 'node_modules', '.bin', 'wrangler');
const HOST = '127.0.0.1';

/** Reads .dev.vars (KEY=value lines), copying .dev.vars.example first when it is missing. */
export function devVars() {
  const file = join(WORKER_DIR, '.dev.vars');
  let copied = false;
  if (!existsSync(file)) {
    copyFileSync(join(WORKER_DIR, '.dev.vars.example'), file);
    copied = true;
  }
  const vars = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) vars[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return { vars, copied };
}

/** The API of the stack's default integration: `--api one|wa`, else `CLICKATELL_API`, else `wa`. */
export const stackApi = (argv = process.argv.slice(2), env = process.env) => localStackApi(argv, env);

/** Runs a command to completion; rejects with its output when it fails. */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: WORKER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed:\n${output}`)),
    );
  });
}

async function waitFor(url, what, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`${what} exited (code ${child.exitCode}) before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Starts the stack: applies the local D1 migrations, serves the emulator with its callbacks pointed at the
 * Worker, and starts `wrangler dev` with its client pointed at the emulator. Resolves once both answer.
 * The default integration speaks `api`; an integration named after the other API speaks that one
 * (`localIntegrations`), so both APIs run side by side; the One API one calls back with a new token.
 *
 * Local D1, R2 and Queue state lives in `.wrangler/state` unless `persistTo` (or `PERSIST_TO`) names another
 * directory, as the tests do to start from nothing.
 *
 * @param {{ api?: 'wa' | 'one', port?: number, emulatorPort?: number, persistTo?: string, log?: (line: string) => void, emulator?: object }} [options]
 */
export async function startStack(options = {}) {
  const port = options.port ?? Number(process.env.PORT ?? 8787);
  const persistTo = options.persistTo ?? (process.env.PERSIST_TO || undefined);
  const persist = persistTo ? ['--persist-to', persistTo] : [];
  const emulatorPort = options.emulatorPort ?? Number(process.env.EMULATOR_PORT ?? 8790);
  const log = options.log ?? (() => {});
  const { vars, copied } = devVars();
  const workerUrl = `http://${HOST}:${port}`;
  const emulatorUrl = `http://${HOST}:${emulatorPort}`;
  const local = localIntegrations({
    gatewayUrl: workerUrl,
    api: options.api ?? stackApi([]),
    apiKey: vars.CLICKATELL_API_KEY,
  });
  const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: process.env.CI ?? '1', FORCE_COLOR: '0' };

  await run(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', ...persist], env);
  const emulator = await serveEmulator({
    port: emulatorPort,
    hostname: HOST,
    integrations: local.emulator,
    callbackUsername: vars.CALLBACK_USERNAME || undefined,
    callbackPassword: vars.CALLBACK_PASSWORD || undefined,
    ...options.emulator,
  });
  const wrangler = spawn(
    WRANGLER,
    [
      'dev',
      '--ip',
      HOST,
      '--port',
      String(port),
      '--show-interactive-dev-session=false',
      // Exposes /__scheduled, so the outbox drain's cron can be fired locally (wrangler dev fires no crons).
      '--test-scheduled',
      ...persist,
      '--var',
      `CLICKATELL_BASE_URL:${emulatorUrl}`,
      ...Object.entries(local.vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
    ],
    { cwd: WORKER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [wrangler.stdout, wrangler.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      for (const line of lines) if (line.trim()) log(line);
    });
  }
  const stop = async () => {
    if (wrangler.exitCode === null) {
      const exited = new Promise((resolve) => wrangler.once('exit', resolve));
      wrangler.kill('SIGINT');
      const timer = setTimeout(() => wrangler.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    await emulator.close();
  };
  try {
    await waitFor(`${workerUrl}/healthz`, 'wrangler dev', wrangler);
  } catch (error) {
    await stop();
    throw error;
  }
  return { workerUrl, emulatorUrl, vars, copied, local, wrangler, emulator, stop };
}
