import { env } from 'cloudflare:workers';
import { sha256Hex } from '@clickwa/core';
import { createEmulator } from '@clickwa/emulator';
import { newMsisdn } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerGateway, runSchedule } from '../src/gateway.ts';
import { api, CALLBACK_TOKEN } from './helpers.ts';

// A One API user's file sent by reference, downloaded by the Worker after the 2xx into R2, on D1's schedule:
// the emulator plays Clickatell in-process (its download URLs on CLICKATELL_BASE_URL's origin) and calls the
// user's message back to the Worker's app.
const ORIGIN = env.CLICKATELL_BASE_URL;
const PNG = new Uint8Array(5000).map((_, i) => (i * 13) % 256);

describe('media by reference on the Worker (D1 + R2)', () => {
  let gateway: ReturnType<typeof createWorkerGateway>;
  const emulator = createEmulator({
    seed: 21,
    inboundDelayMs: 0,
    integrations: [
      {
        name: 'one',
        apiKey: env.CLICKATELL_API_KEY,
        api: 'one',
        moMedia: 'files',
        inboundCallback: `http://gateway.local/clickatell/inbound/${CALLBACK_TOKEN}`,
      },
    ],
    fetch: async (input, init) => gateway.app.fetch(new Request(input, init), env),
  });
  afterAll(() => emulator.close());
  const clock = { now: Date.now() };
  gateway = createWorkerGateway(env, {
    fetch: (input, init) => emulator.fetch(input, init),
    now: () => clock.now,
  });
  const request = (path: string) =>
    gateway.app.fetch(new Request(`http://gateway.local${path}`, api('GET')), env);
  const filesOf = async (messageId: string) => {
    const response = await request(`/api/messages/${messageId}`);
    return response.status === 200 ? (await response.json<{ files: Record<string, unknown>[] }>()).files : [];
  };

  it("downloads a user's file into R2 after its callback, retries it on the cron, and serves it", async () => {
    const fault = await emulator.fetch(`${ORIGIN}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: '500', times: 1, route: 'media' }),
    });
    expect(fault.status).toBe(201);
    const sent = await emulator.fetch(`${ORIGIN}/_emulator/inbound`, {
      method: 'POST',
      body: JSON.stringify({
        from: newMsisdn(),
        contentType: 'image/png',
        content: btoa(String.fromCharCode(...PNG)),
      }),
    });
    expect(sent.status).toBe(202);
    const { messageId } = await sent.json<{ messageId: string }>();
    await emulator.idle();
    // The drain runs after the callback's 2xx, the first download after it: wait for that attempt.
    let files: Record<string, unknown>[] = [];
    for (let tries = 0; tries < 600 && files[0]?.attempts !== 1; tries++) {
      files = await filesOf(messageId);
      if (files[0]?.attempts !== 1) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(files).toEqual([expect.objectContaining({ state: 'pending', attempts: 1, url: null })]);

    clock.now += 30_000;
    await runSchedule(gateway, clock.now);
    const stored = await filesOf(messageId);
    expect(stored).toEqual([expect.objectContaining({ state: 'stored', attempts: 2 })]);
    expect(await env.MEDIA.head(`media/${await sha256Hex(PNG)}`)).not.toBeNull();
    const served = await request(stored[0]!.url as string);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });
});
