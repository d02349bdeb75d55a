// A One API user's file sent by reference, downloaded by the Node gateway after the 2xx, over real HTTP from the
// emulator, on SQLite and on Postgres: stored, then served back by the gateway's API. First through the server
// process, from the user's callback on; then in-process, to reach a retry's time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Hex } from '@clickwa/core';
import { serveEmulator } from '@clickwa/emulator/node';
import { integrationKeyResolver } from '@clickwa/webhook';
import { inboundFiles, mediaFile, newMsisdn } from '@clickwa/webhook/contract';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createNodeGateway } from '../src/create-node-gateway.ts';
import { createDatabase } from './helpers/databases.ts';
import { freePort } from './helpers/free-port.ts';
import { API_TOKEN, CALLBACK_TOKEN, startGateway } from './helpers/gateway-process.ts';

const KEY = 'node-one-api-key';
const TOKEN = 'node-downloads-token';
const PNG = new Uint8Array(4000).map((_, i) => (i * 31) % 256);
const dir = mkdtempSync(join(tmpdir(), 'clickwa-downloads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const databases: [string, () => Promise<string>][] = [
  ['SQLite', async () => join(dir, 'downloads.db')],
  ['Postgres', () => createDatabase(inject('postgresUrl'), 'downloads')],
];

describe.each(databases)('media by reference on %s', (_, database) => {
  it('downloads a file after the 2xx, retries it after a reset connection, and serves it', async () => {
    const emulator = await serveEmulator({
      port: 0,
      seed: 4,
      integrations: [{ name: 'one', apiKey: KEY, api: 'one', moMedia: 'files' }],
    });
    const clock = { now: Date.now() };
    const gateway = await createNodeGateway({
      databaseUrl: await database(),
      auth: { apiToken: TOKEN },
      onEvent: () => {},
      drainIntervalMs: 0,
      now: () => clock.now,
      downloads: { apiKey: integrationKeyResolver({ CLICKATELL_API_KEY: KEY }, []), baseUrl: emulator.url },
    });
    const { url } = await gateway.listen({ port: 0 });
    const get = (path: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    try {
      const sent = await fetch(`${emulator.url}/_emulator/inbound`, {
        method: 'POST',
        body: JSON.stringify({
          from: newMsisdn(),
          contentType: 'image/png',
          content: Buffer.from(PNG).toString('base64'),
        }),
      });
      expect(sent.status).toBe(202);
      const { files } = (await (await fetch(`${emulator.url}/_emulator/media`)).json()) as {
        files: { fileId: string; sha256Hash: string; byteSize: number }[];
      };
      const [file] = files;
      const query = new URLSearchParams({
        fileId: file!.fileId,
        sha256Hash: file!.sha256Hash,
        source: 'client',
      });
      const fault = await fetch(`${emulator.url}/_emulator/faults`, {
        method: 'POST',
        body: JSON.stringify({ fault: 'reset-before', route: 'media' }),
      });
      expect(fault.status).toBe(201);
      const message = inboundFiles(newMsisdn(), clock.now - 1000, [
        mediaFile(`${emulator.url}/v1/media?${query}`, {
          contentType: 'image/png',
          declaredSha256: file!.sha256Hash,
          byteSize: file!.byteSize,
        }),
      ]);
      expect(await gateway.store.insertEvents([message])).toEqual(['inserted']);
      await gateway.drain!.run();
      const view = async () =>
        (
          (await (await get(`/api/messages/${message.messageId}`)).json()) as {
            files: Record<string, unknown>[];
          }
        ).files;
      expect(await view()).toEqual([expect.objectContaining({ state: 'pending', attempts: 1 })]);
      clock.now += 30_000;
      await gateway.downloader!.run();
      const [stored] = await view();
      expect(stored).toMatchObject({ state: 'stored', attempts: 2 });
      expect((await gateway.store.getDownloads([message.key]))[0]?.sha256).toBe(await sha256Hex(PNG));
      const served = await get(stored!.url as string);
      expect(served.status).toBe(200);
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    } finally {
      await gateway.close();
      await emulator.close();
    }
  });
});

describe.each(databases)('media by reference through the gateway server on %s', (_, database) => {
  it("downloads a user's file from its callback on, with its integration's key, and serves it", async () => {
    const integrationId = 'ab'.repeat(16);
    const port = await freePort();
    const emulator = await serveEmulator({
      port: 0,
      seed: 8,
      inboundDelayMs: 0,
      integrations: [
        {
          name: 'one',
          id: integrationId,
          apiKey: KEY,
          api: 'one',
          moMedia: 'files',
          inboundCallback: `http://127.0.0.1:${port}/clickatell/inbound/${CALLBACK_TOKEN}`,
        },
      ],
    });
    const gateway = await startGateway({
      PORT: String(port),
      DATABASE_URL: await database(),
      CLICKATELL_BASE_URL: emulator.url,
      // The integration's own key; the default one would be refused.
      INTEGRATIONS: JSON.stringify([{ name: 'one', id: integrationId }]),
      CLICKATELL_API_KEY_ONE: KEY,
      CLICKATELL_API_KEY: 'not-the-one-api-key',
    });
    const get = (path: string) =>
      fetch(`${gateway.url}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    try {
      const wrote = await fetch(`${emulator.url}/_emulator/inbound`, {
        method: 'POST',
        body: JSON.stringify({
          from: newMsisdn(),
          contentType: 'image/png',
          content: Buffer.from(PNG).toString('base64'),
          caption: 'my receipt',
        }),
      });
      expect(wrote.status).toBe(202);
      const { messageId } = (await wrote.json()) as { messageId: string };
      // The callback, its drain and the download happen after the 2xx: wait until the file is stored.
      let files: { state: string; url: string | null }[] = [];
      for (let tries = 0; tries < 600 && files[0]?.state !== 'stored'; tries++) {
        const view = await get(`/api/messages/${messageId}`);
        files = view.status === 200 ? ((await view.json()) as { files: typeof files }).files : [];
        if (files[0]?.state !== 'stored') await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(files).toEqual([expect.objectContaining({ state: 'stored', attempts: 1 })]);
      const served = await get(files[0]!.url!);
      expect(served.status).toBe(200);
      expect(served.headers.get('x-clickwa-caption')).toBe('my%20receipt');
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
    } finally {
      await gateway.stop();
      await emulator.close();
    }
  });
});
