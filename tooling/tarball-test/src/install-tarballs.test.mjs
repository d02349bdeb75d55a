// The public packages as a user gets them: packed (`pnpm pack`, which turns `workspace:` ranges into
// versions), installed from the tarballs into fresh projects outside the workspace, and run on Node, Bun
// and Deno, plus a TypeScript typecheck under both module resolutions a user may pick. Installs prefer the
// package store the workspace install filled (metadata is fetched only when the cache lacks it).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { serveEmulator } from '@clickwa/emulator/node';
import { publicPackages } from '../../scripts/src/public-packages.mjs';
import { nodeProgram, sendProgram, typedProgram } from './programs.mjs';

const run = promisify(execFile);
const here = dirname(new URL(import.meta.url).pathname);
const bin = (name) => join(here, '../node_modules/.bin', name);
const typesNode = createRequire(import.meta.url)('@types/node/package.json').version;

const root = mkdtempSync(join(tmpdir(), 'clickwa-tarballs-'));
const tarballs = {};
let emulator;

before(async () => {
  const packed = join(root, 'packed');
  for (const { dir, manifest } of publicPackages()) {
    const out = join(packed, manifest.name.replace('/', '+'));
    mkdirSync(out, { recursive: true });
    await run('pnpm', ['pack', '--pack-destination', out], { cwd: dir });
    tarballs[manifest.name] = join(out, readdirSync(out)[0]);
  }
  emulator = await serveEmulator({ port: 0 });
});

after(async () => {
  await emulator?.close();
  rmSync(root, { recursive: true, force: true });
});

/** A fresh project with every tarball installed; the overrides make the packages' own `@clickwa/*` ranges resolve to the tarballs too. */
async function project(name, files, extraDependencies = {}) {
  const dir = join(root, name);
  mkdirSync(dir);
  const fromTarballs = Object.fromEntries(
    Object.entries(tarballs).map(([pkg, file]) => [pkg, `file:${file}`]),
  );
  const manifest = {
    name: `clickwa-${name}`,
    private: true,
    type: 'module',
    dependencies: { ...fromTarballs, ...extraDependencies },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const overrides = Object.entries(fromTarballs).map(([pkg, spec]) => `  '${pkg}': '${spec}'\n`);
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), `overrides:\n${overrides.join('')}`);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  await run(
    'pnpm',
    ['install', '--prefer-offline', '--ignore-scripts', '--config.confirmModulesPurge=false'],
    {
      cwd: dir,
    },
  );
  return dir;
}

function lastJsonLine(stdout) {
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

function assertAccepted(output) {
  assert.equal(output.accepted, true, JSON.stringify(output));
  assert.match(output.messageId, /\S/);
}

test('Node ESM: every runtime entry imports, the packed emulator serves a send, the packed CLI sends', async () => {
  const dir = await project('node-esm', { 'main.mjs': nodeProgram, 'send.mjs': sendProgram });
  const main = lastJsonLine((await run(process.execPath, ['main.mjs'], { cwd: dir })).stdout);
  assertAccepted(main);
  assert.deepEqual([main.gateway, main.store, main.encryption], ['function', 'function', 'function']);

  assertAccepted(
    lastJsonLine((await run(process.execPath, ['send.mjs', emulator.url, 'node'], { cwd: dir })).stdout),
  );

  const cli = await run(
    join(dir, 'node_modules/.bin/clickwa'),
    ['send', 'text', '--to', '+27 99 900 0002', '--text', 'Hi from the packed CLI'],
    {
      cwd: dir,
      env: { ...process.env, CLICKATELL_API_KEY: 'local-dev-key', CLICKATELL_BASE_URL: emulator.url },
    },
  );
  assert.match(cli.stdout, /accepted/i);
});

test('Node with TypeScript: the packed types check under node16 and bundler resolution', async () => {
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    types: ['node'],
    strict: true,
    noEmit: true,
  };
  const dir = await project(
    'node-typescript',
    {
      'main.ts': typedProgram,
      'tsconfig.node16.json': JSON.stringify({
        compilerOptions: { ...compilerOptions, module: 'node16', moduleResolution: 'node16' },
        files: ['main.ts'],
      }),
      'tsconfig.bundler.json': JSON.stringify({
        compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler' },
        files: ['main.ts'],
      }),
    },
    { '@types/node': typesNode },
  );
  for (const config of ['tsconfig.node16.json', 'tsconfig.bundler.json']) {
    await assert.doesNotReject(run(bin('tsc'), ['-p', config], { cwd: dir }), config);
  }
});

test('Bun: the packed core sends to the emulator', async () => {
  const dir = await project('bun', { 'send.mjs': sendProgram });
  assertAccepted(
    lastJsonLine((await run(bin('bun'), ['send.mjs', emulator.url, 'bun'], { cwd: dir })).stdout),
  );
});

test('Deno: a package.json project with the tarballs installed by pnpm sends to the emulator', async () => {
  const dir = await project('deno', {
    'send.mjs': sendProgram,
    'deno.json': '{ "nodeModulesDir": "manual" }\n',
  });
  const { stdout } = await run(
    bin('deno'),
    ['run', '--allow-net', '--allow-read', 'send.mjs', emulator.url, 'deno'],
    {
      cwd: dir,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
    },
  );
  assertAccepted(lastJsonLine(stdout));
});
