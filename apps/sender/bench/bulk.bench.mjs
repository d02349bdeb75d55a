// Bulk send benchmark: 10,000, 100,000 and 300,000 CSV rows through `clickwa bulk` to the emulator's Node
// runner (callbacks off, loopback) on Node (dist), Bun and Deno (source), in one run. Reports rows/s and peak
// RSS per runtime; peak RSS must not grow with the row count (the sender streams). From 10,000 to 100,000
// rows the garbage collectors still widen their headroom; 300,000 shows where RSS settles.
//
//   pnpm --filter @clickwa/cli bench            (builds first through turbo)
//   node apps/sender/bench/bulk.bench.mjs [--rows 10000,100000,300000] [--runtimes node,node24,bun,deno]
//
// Peak RSS is GNU time's %M (ru_maxrss of the runtime process), so this runs on Linux with /usr/bin/time.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BINARIES, commandLine } from '../test/helpers/command-line.mjs';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000,300000' },
    runtimes: { type: 'string', default: 'node,bun,deno' },
  },
});
const SIZES = values.rows.split(',').map(Number);
const RUNTIMES = values.runtimes.split(',');
const API_KEY = 'bench-key';
const TIME = '/usr/bin/time';
if (!existsSync(TIME)) throw new Error('This benchmark reads peak RSS with GNU time: apt-get install time');
if (!existsSync(join(root, 'dist', 'main.js')))
  throw new Error('Build first: pnpm --filter @clickwa/cli build');

const version = (runtime) => {
  const v = execFileSync(BINARIES[runtime], ['--version'])
    .toString()
    .match(/\d+\.\d+\.\d+/)[0];
  return `${{ node: 'Node', node24: 'Node', bun: 'Bun', deno: 'Deno' }[runtime]} ${v}`;
};

async function startEmulator() {
  const cli = join(dirname(require.resolve('@clickwa/emulator/package.json')), 'dist', 'node', 'cli.js');
  const child = spawn(
    process.execPath,
    [
      cli,
      '--port',
      '0',
      '--api-key',
      API_KEY,
      '--no-callbacks',
      '--seed',
      'bench',
      '--history-limit',
      '1000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function run(runtime, args, cwd, env) {
  const [file, argv] = commandLine(runtime, args, cwd);
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, ['-f', 'clickwa-bench %M %e', file, ...argv], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DENO_NO_UPDATE_CHECK: '1',
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('close', (code) => {
      const m = /clickwa-bench (\d+) ([\d.]+)/.exec(stderr);
      if (!m || code !== 0) return reject(new Error(`${runtime} exited ${code}: ${stderr.slice(-500)}`));
      const summary = JSON.parse(stdout.trim().split('\n').at(-1));
      resolve({ rssMb: Number(m[1]) / 1024, wallS: Number(m[2]), summary });
    });
  });
}

async function writeCsv(path, rows) {
  const lines = ['to,amount,ref'];
  for (let i = 0; i < rows; i++) lines.push(`+2782${String(i).padStart(7, '0')},$${i},${100000 + i}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}

const dir = await mkdtemp(join(tmpdir(), 'clickwa-bench-'));
const emulator = await startEmulator();
const env = { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url };
const mapping = [
  '--template',
  'payment_alert',
  '--param-column',
  'amount',
  '--param-column',
  'ref',
  '--json',
];
const reset = () => fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
try {
  await writeCsv(join(dir, 'warmup.csv'), 1_000);
  for (const n of SIZES) await writeCsv(join(dir, `rows-${n}.csv`), n);
  const rows = [];
  for (const runtime of RUNTIMES) {
    // Warm-up: Deno and Bun compile the TypeScript source once and cache it.
    await run(
      runtime,
      ['bulk', '--file', 'warmup.csv', '--results', `warmup-${runtime}.jsonl`, ...mapping],
      dir,
      env,
    );
    for (const n of SIZES) {
      await reset();
      const results = `results-${runtime}-${n}.jsonl`;
      const r = await run(
        runtime,
        ['bulk', '--file', `rows-${n}.csv`, '--results', results, ...mapping],
        dir,
        env,
      );
      if (r.summary.accepted !== n) throw new Error(`${runtime}: ${r.summary.accepted} of ${n} accepted`);
      rows.push({
        runtime,
        version: version(runtime),
        rows: n,
        sendRate: n / r.summary.seconds,
        wallRate: n / r.wallS,
        wallS: r.wallS,
        rssMb: r.rssMb,
      });
      await rm(join(dir, results));
      console.error(
        `${runtime} ${n}: ${r.wallS} s, ${Math.round(n / r.summary.seconds)} rows/s, ${r.rssMb.toFixed(1)} MB`,
      );
    }
  }
  const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(
    `\nclickwa bulk, CSV -> emulator (Node runner, callbacks off), ${new Date().toISOString().slice(0, 10)}\n`,
  );
  console.log(
    '| runtime | rows | send pass rows/s | end to end rows/s (incl. start, validation pass) | wall s | peak RSS |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.version} | ${fmt(r.rows)} | ${fmt(r.sendRate)} | ${fmt(r.wallRate)} | ${fmt(r.wallS, 2)} | ${fmt(r.rssMb, 1)} MB |`,
    );
  }
  const sizes = [...SIZES].sort((a, b) => a - b);
  for (let i = 1; i < sizes.length; i++) {
    const [small, large] = [sizes[i - 1], sizes[i]];
    console.log(`\nPeak RSS, ${fmt(large)} rows relative to ${fmt(small)} rows:`);
    for (const runtime of RUNTIMES) {
      const a = rows.find((r) => r.runtime === runtime && r.rows === small);
      const b = rows.find((r) => r.runtime === runtime && r.rows === large);
      console.log(
        `  ${runtime}: ${fmt(a.rssMb, 1)} MB -> ${fmt(b.rssMb, 1)} MB (${fmt(b.rssMb / a.rssMb, 2)}x)`,
      );
    }
  }
} finally {
  emulator.stop();
  await rm(dir, { recursive: true, force: true });
}
