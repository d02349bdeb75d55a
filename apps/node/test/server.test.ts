import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newId } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { readNodeConfig } from '../src/read-node-config.ts';
import { API_TOKEN, CALLBACK, startGateway } from './helpers/gateway-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-server-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('clickwa-gateway configuration', () => {
  it('reads the defaults, a Postgres URL and the forwarder', () => {
    expect(readNodeConfig({})).toMatchObject({
      success: true,
      output: {
        port: 3000,
        hostname: '127.0.0.1',
        databaseUrl: join('.clickwa', 'gateway.db'),
        forward: undefined,
      },
    });
    expect(
      readNodeConfig({
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db:5432/clickwa',
        FORWARD_URL: 'https://example.com/hooks',
        FORWARD_SECRET: `whsec_${Buffer.alloc(24, 1).toString('base64')}`,
        SQLITE_SYNCHRONOUS: 'normal',
      }),
    ).toMatchObject({
      success: true,
      output: { port: 8080, databaseUrl: 'postgres://u:p@db:5432/clickwa', synchronous: 'NORMAL' },
    });
  });

  it('refuses to start on a mistake, naming each variable, before it listens', () => {
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'dist', 'server.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '70000',
        DATABASE_URL: 'mysql://x',
        CALLBACK_USERNAME: 'clickatell',
        FORWARD_URL: 'http://127.0.0.1:1/x',
        FORWARD_SECRET: 'whsec_c2hvcnQ=',
        OUTBOX_LEASE_MS: 'soon',
      },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const variables = [...run.stderr.matchAll(/^([A-Z_]+): /gm)].map((m) => m[1]);
    expect(variables.sort()).toEqual(
      ['CALLBACK_PASSWORD', 'DATABASE_URL', 'FORWARD_SECRET', 'OUTBOX_LEASE_MS', 'PORT'].sort(),
    );
  });
});

describe('clickwa-gateway shutdown', () => {
  it('on SIGTERM, finishes a callback whose body is still arriving, then exits 0 with it stored', async () => {
    const env = { DATABASE_URL: join(dir, 'shutdown.db') };
    const gateway = await startGateway(env);
    const messageId = newId();
    const body = JSON.stringify({ messageId, statusCode: 4, timestamp: 1_760_000_000_000, ...CALLBACK });
    const encoder = new TextEncoder();
    let sendRest: () => void = () => {};
    const rest = new Promise<void>((resolve) => {
      sendRest = resolve;
    });
    let pulled: () => void = () => {};
    const firstPull = new Promise<void>((resolve) => {
      pulled = resolve;
    });
    let step = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step++ === 0) {
          controller.enqueue(encoder.encode(body.slice(0, 20)));
          pulled();
          return;
        }
        await rest;
        controller.enqueue(encoder.encode(body.slice(20)));
        controller.close();
      },
    });
    const answer = fetch(`${gateway.url}/clickatell/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    // The request's headers were written before the first chunk was pulled; a request on another connection
    // answered after that means the server has read them: the callback is in flight when the signal comes.
    await firstPull;
    await (await fetch(`${gateway.url}/healthz`)).arrayBuffer();
    const exited = gateway.stop('SIGTERM');
    sendRest();
    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, duplicate: false });
    expect(await exited).toBe(0);

    const again = await startGateway(env);
    try {
      const view = await fetch(`${again.url}/api/messages/${messageId}`, {
        headers: { authorization: `Bearer ${API_TOKEN}` },
      });
      expect(await view.json()).toMatchObject({ messageId, status: { code: 4 } });
    } finally {
      await again.stop();
    }
  });
});
