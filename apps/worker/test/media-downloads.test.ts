import { env } from 'cloudflare:workers';
import { sha256Hex } from '@clickwa/core';
import { createEmulator } from '@clickwa/emulator';
import { inboundFiles, mediaFile, newMsisdn } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkerGateway, runSchedule } from '../src/gateway.ts';
import { api } from './helpers.ts';

// A One API user's file sent by reference, downloaded by the Worker after the 2xx into R2, on D1's schedule:
// the emulator plays Clickatell in-process (its download URLs on CLICKATELL_BASE_URL's origin).
const ORIGIN = env.CLICKATELL_BASE_URL;
const PNG = new Uint8Array(5000).map((_, i) => (i * 13) % 256);

describe('media by reference on the Worker (D1 + R2)', () => {
  const emulator = createEmulator({
    seed: 21,
    integrations: [{ name: 'one', apiKey: env.CLICKATELL_API_KEY, api: 'one', moMedia: 'files' }],
  });
  afterAll(() => emulator.close());
  const clock = { now: Date.now() };
  const gateway = createWorkerGateway(env, {
    fetch: (input, init) => emulator.fetch(input, init),
    now: () => clock.now,
  });
  const request = (path: string) =>
    gateway.app.fetch(new Request(`http://gateway.local${path}`, api('GET')), env);

  /** A user sends the PNG; the emulator keeps it for download and lists it. */
  async function userSends() {
    const sent = await emulator.fetch(`${ORIGIN}/_emulator/inbound`, {
      method: 'POST',
      body: JSON.stringify({
        from: newMsisdn(),
        contentType: 'image/png',
        content: btoa(String.fromCharCode(...PNG)),
      }),
    });
    expect(sent.status).toBe(202);
    const listed = await (await emulator.fetch(`${ORIGIN}/_emulator/media`)).json<{
      files: { fileId: string; sha256Hash: string; byteSize: number }[];
    }>();
    const file = listed.files.at(-1)!;
    const query = new URLSearchParams({ fileId: file.fileId, sha256Hash: file.sha256Hash, source: 'client' });
    return mediaFile(`${ORIGIN}/v1/media?${query}`, {
      contentType: 'image/png',
      declaredSha256: file.sha256Hash,
      byteSize: file.byteSize,
    });
  }

  it('downloads into R2 after the drain, retries on the cron after a failure, and serves the file', async () => {
    const fault = await emulator.fetch(`${ORIGIN}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: '500', times: 1, route: 'media' }),
    });
    expect(fault.status).toBe(201);
    const message = inboundFiles(newMsisdn(), clock.now - 1000, [await userSends()]);
    expect(await gateway.store.insertEvent(message)).toBe('inserted');
    await gateway.drain.run();
    const pending = await (await request(`/api/messages/${message.messageId}`)).json<{ files: unknown[] }>();
    expect(pending.files).toEqual([expect.objectContaining({ state: 'pending', attempts: 1, url: null })]);

    clock.now += 30_000;
    await runSchedule(gateway, clock.now);
    const view = await (await request(`/api/messages/${message.messageId}`)).json<{
      files: { url: string }[];
    }>();
    expect(view.files).toEqual([expect.objectContaining({ state: 'stored', attempts: 2 })]);
    expect(await env.MEDIA.head(`media/${await sha256Hex(PNG)}`)).not.toBeNull();
    const served = await request(view.files[0]!.url);
    expect(served.status).toBe(200);
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });
});
