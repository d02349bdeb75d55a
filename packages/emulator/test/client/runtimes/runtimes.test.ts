// Smoke tests of the core's client on the other runtimes it promises: workerd (via Miniflare), Node 24, Bun
// and Deno, one after another, each sending over loopback to the emulator's Node runner in this process. The
// client comes from the core's dist (turbo's ^build); the worker is bundled here with esbuild, so nothing else
// is built for the test.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { node24Binary } from '@clickwa/node24';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningEmulator, serveEmulator } from '../../../src/node/index.ts';
import { closedPort, type RedirectingServer, redirectingServer, type Stats } from '../../helpers/platform.ts';

const run = promisify(execFile);
const here = import.meta.dirname;
const bin = (name: string) => join(here, '..', '..', '..', 'node_modules', '.bin', name);
const API_KEY = 'runtime-smoke-key-0123456789';

let emulator: RunningEmulator;
let refusedUrl: string;
let redirecting: RedirectingServer;
beforeAll(async () => {
  emulator = await serveEmulator({ port: 0, apiKey: API_KEY, callbacks: false });
  refusedUrl = `http://127.0.0.1:${await closedPort()}`;
  // Answers every request with a redirect to the emulator, which the client must not follow.
  redirecting = await redirectingServer(emulator.url);
});
beforeEach(async () => {
  await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
});
afterAll(async () => {
  await redirecting.close();
  await emulator.close();
});

async function expectSmoke(
  summary: Record<string, unknown>,
  refused: { outcome: string; phase: string | null },
  redirectStatus: number,
) {
  expect(summary).toMatchObject({
    // A redirect stops the send, whichever way the runtime's fetch refuses it: the second message is not sent.
    redirected: [
      { outcome: 'rejected', code: 'http-status', status: redirectStatus },
      { outcome: 'not-sent', code: 'http-status', status: redirectStatus },
    ],
    results: [
      { outcome: 'accepted', code: null, id: true, messageId: true },
      { outcome: 'rejected', code: 100, id: true, messageId: false },
      { outcome: 'rejected', code: 159, id: true, messageId: false },
    ],
    streamed: 250,
    streamedAccepted: 250,
    queuedAccepted: 10,
    lingered: [5, 5],
    refused,
    shown: false,
  });
  // What the emulator saw: the empty text never left the client; 159 was its own rejection; nothing twice.
  const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as Stats;
  expect(stats).toMatchObject({
    requests: 5,
    messages: { accepted: 261, rejected: 1 },
    errorCodes: { '159': 1 },
    repeatedClientMessageIds: [],
  });
}

describe('runtimes', () => {
  it('runs inside workerd (Miniflare)', async () => {
    const bundle = await build({
      entryPoints: [join(here, 'worker.ts')],
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
      bindings: { API_KEY },
    });
    try {
      const response = await mf.dispatchFetch('http://worker/', {
        method: 'POST',
        body: JSON.stringify({ baseUrl: emulator.url, refusedUrl, redirectUrl: redirecting.url }),
      });
      const summary = (await response.json()) as Record<string, unknown>;
      // workerd reports a refused connection without a code: unclassifiable, so conservatively `unknown`. Its
      // fetch does not take `redirect: 'error'`: the client uses 'manual' there, which says the status.
      await expectSmoke(summary, { outcome: 'unknown', phase: 'unknown' }, 307);
    } finally {
      await mf.dispose();
    }
  });

  it('runs under Node 24', async () => {
    const { stdout } = await run(node24Binary(), [
      join(here, 'run-smoke.ts'),
      JSON.stringify({ baseUrl: emulator.url, refusedUrl, redirectUrl: redirecting.url, apiKey: API_KEY }),
    ]);
    await expectSmoke(JSON.parse(stdout), { outcome: 'not-sent', phase: 'connect' }, 0);
  });

  it('runs under Bun', async () => {
    const { stdout } = await run(bin('bun'), [
      join(here, 'run-smoke.ts'),
      JSON.stringify({ baseUrl: emulator.url, refusedUrl, redirectUrl: redirecting.url, apiKey: API_KEY }),
    ]);
    await expectSmoke(JSON.parse(stdout), { outcome: 'not-sent', phase: 'connect' }, 0);
  });

  it('runs under Deno', async () => {
    const { stdout } = await run(
      bin('deno'),
      [
        'run',
        '--quiet',
        '--allow-net=127.0.0.1',
        '--allow-read',
        '--node-modules-dir=manual',
        join(here, 'run-smoke.ts'),
        JSON.stringify({ baseUrl: emulator.url, refusedUrl, redirectUrl: redirecting.url, apiKey: API_KEY }),
      ],
      { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
    );
    await expectSmoke(JSON.parse(stdout), { outcome: 'not-sent', phase: 'connect' }, 0);
  });

  it('reports every message not-sent under Deno without net permission, and sends nothing', async () => {
    const { stdout } = await run(
      bin('deno'),
      [
        'run',
        '--quiet',
        '--no-prompt',
        '--allow-read',
        '--node-modules-dir=manual',
        join(here, 'no-net.ts'),
        emulator.url,
      ],
      { env: { ...process.env, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' } },
    );
    const summary = JSON.parse(stdout) as { count: number; seen: string[]; description: string };
    // The first request is refused by the runtime, before anything leaves: safe to send again, and the send
    // stops, so the second request is not even tried.
    expect(summary).toMatchObject({ count: 201, seen: ['not-sent TransportError connect true'] });
    expect(summary.description).toMatch(/forbids the request \(Requires net access/);
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as Stats;
    expect(stats.requests).toBe(0);
  });
});
