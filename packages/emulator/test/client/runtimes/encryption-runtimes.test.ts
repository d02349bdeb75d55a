// Encryption on the runtimes the core promises: workerd (Miniflare), Node 24, Bun and Deno, one after
// another, each talking to the emulator's KMS and send endpoints over loopback.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { node24Binary } from '@clickwa/node24';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MessageRecord } from '../../../src/index.ts';
import { type RunningEmulator, serveEmulator } from '../../../src/node/index.ts';

const run = promisify(execFile);
const here = import.meta.dirname;
const bin = (name: string) => join(here, '..', '..', '..', 'node_modules', '.bin', name);
const API_KEY = 'runtime-encryption-key-0123456789';
const KMS = {
  region: 'eu-west-1',
  keyId: 'alias/runtimes',
  accessKeyId: 'AKIDRUNTIMES',
  secretAccessKey: 'runtimes-secret',
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await serveEmulator({
    port: 0,
    apiKey: API_KEY,
    callbacks: false,
    kms: {
      keys: { [KMS.keyId]: new Uint8Array(32).fill(8) },
      credentials: [{ accessKeyId: KMS.accessKeyId, secretAccessKey: KMS.secretAccessKey }],
      region: KMS.region,
    },
  });
});
afterAll(async () => {
  await emulator.close();
});

const input = () => JSON.stringify({ baseUrl: emulator.url, apiKey: API_KEY, kms: KMS });

async function expectSummary(summary: unknown) {
  expect(summary).toEqual({
    roundTrips: 'ok',
    wrongKey: 'key-not-decryptable',
    tampered: 'content-not-decryptable',
    wrongHash: 'hash-mismatch',
    kmsRoundTrip: true,
    sent: ['accepted', 'accepted', 'accepted'],
  });
  const { messages } = (await (await fetch(`${emulator.url}/_emulator/messages?limit=3`)).json()) as {
    messages: MessageRecord[];
  };
  // The platform read what the runtime encrypted: delivered and read.
  expect(messages.map((m) => m.plannedStatuses.at(-1))).toEqual([27, 27, 27]);
}

it('encrypts and decrypts inside workerd (Miniflare)', async () => {
  const bundle = await build({
    entryPoints: [join(here, 'encryption-worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]!.text,
    compatibilityDate: '2025-01-01',
  });
  try {
    const response = await mf.dispatchFetch('http://worker/', { method: 'POST', body: input() });
    await expectSummary(await response.json());
  } finally {
    await mf.dispose();
  }
});

it('encrypts and decrypts under Node 24', async () => {
  const { stdout } = await run(node24Binary(), [join(here, 'run-encryption-smoke.ts'), input()]);
  await expectSummary(JSON.parse(stdout));
});

it('encrypts and decrypts under Bun', async () => {
  const { stdout } = await run(bin('bun'), [join(here, 'run-encryption-smoke.ts'), input()]);
  await expectSummary(JSON.parse(stdout));
});

it('encrypts and decrypts under Deno', async () => {
  const { stdout } = await run(
    bin('deno'),
    [
      'run',
      '--quiet',
      '--allow-net=127.0.0.1',
      '--allow-read',
      '--node-modules-dir=manual',
      join(here, 'run-encryption-smoke.ts'),
      input(),
    ],
    { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
  );
  await expectSummary(JSON.parse(stdout));
});
