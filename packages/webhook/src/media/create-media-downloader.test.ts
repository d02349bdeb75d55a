// Files sent by reference are downloaded after the 2xx, over real HTTP from an emulator on a port: checked,
// stored, served back; retried with backoff while the platform fails; ended with a reason when the file is
// gone, other, too big, or somewhere the key must not go.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sha256Hex } from '@clickwa/core';
import {
  createEncryption,
  type Encryption,
  EncryptionError,
  localKeyProvider,
} from '@clickwa/core/encryption';
import { type RunningEmulator, serveEmulator } from '@clickwa/emulator/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_TOKEN, api } from '../../test/gateway.ts';
import type { FileItem } from '../api/file-items.ts';
import { integrationKeyResolver } from '../config/integration-key-resolver.ts';
import { inboundFiles, mediaFile, newMsisdn } from '../contract/fixtures.ts';
import { createGatewayApp } from '../create-gateway-app.ts';
import { createMemoryStore } from '../memory-store.ts';
import { createOutboxDrain } from '../outbox/create-outbox-drain.ts';
import type { StoredMediaFile } from '../store.ts';
import { createMediaDownloader } from './create-media-downloader.ts';
import { DOWNLOAD_BACKOFF, MEDIA_RETENTION_MS, retryDelayMs } from './download-rules.ts';

const ONE_KEY = 'one-api-download-key';
const keys = localKeyProvider(new Uint8Array(32).fill(3));
const encryption = createEncryption({ keyProvider: keys });
const PNG = new Uint8Array(3000).map((_, i) => (i * 7) % 251);
PNG.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await serveEmulator({
    port: 0,
    seed: 11,
    integrations: [{ name: 'one', apiKey: ONE_KEY, api: 'one', moMedia: 'files' }],
  });
});
afterAll(() => emulator.close());

const emulatorCall = async (path: string, body: unknown) =>
  fetch(`${emulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** A user sends a file; the emulator keeps it for download, as its `files[]` callback would declare it. */
async function userSends(bytes: Uint8Array, extra: Record<string, unknown> = {}): Promise<StoredMediaFile> {
  const sent = await emulatorCall('/_emulator/inbound', {
    from: newMsisdn(),
    contentType: 'image/png',
    content: base64(bytes),
    ...extra,
  });
  expect(sent.status).toBe(202);
  const { files } = (await (await fetch(`${emulator.url}/_emulator/media`)).json()) as {
    files: { fileId: string; sha256Hash: string; byteSize: number; contentType: string }[];
  };
  const file = files.at(-1)!;
  const query = new URLSearchParams({ fileId: file.fileId, sha256Hash: file.sha256Hash, source: 'client' });
  return mediaFile(`${emulator.url}/v1/media?${query}`, {
    contentType: file.contentType,
    declaredSha256: file.sha256Hash,
    byteSize: file.byteSize,
    fileName: file.fileId,
  });
}

/** A gateway on a memory store whose drain schedules downloads and runs the downloader, on a clock of its own. */
function gateway(options: { encryption?: Encryption; apiKey?: string; baseUrl?: string } = {}) {
  const store = createMemoryStore();
  const clock = { now: Date.now() };
  const now = () => clock.now;
  const withEncryption = options.encryption ? { encryption: options.encryption } : {};
  const downloader = createMediaDownloader({
    store,
    apiKey: integrationKeyResolver({ CLICKATELL_API_KEY: options.apiKey ?? ONE_KEY }, []),
    baseUrl: options.baseUrl ?? emulator.url,
    now,
    ...withEncryption,
  });
  const drain = createOutboxDrain({ store, handOff: async () => {}, downloader, now });
  const app = createGatewayApp({ store, auth: { apiToken: API_TOKEN }, drain, now, ...withEncryption });
  return { store, clock, app, drain, downloader };
}

type Gateway = ReturnType<typeof gateway>;

/** A message with these files stored as its callback's 2xx left it, then the drain's run (and its downloads). */
async function receive(g: Gateway, files: StoredMediaFile[], extra = {}) {
  const message = inboundFiles(newMsisdn(), g.clock.now - 1000, files, extra);
  expect(await g.store.insertEvents([message])).toEqual(['inserted']);
  await g.drain.run();
  return message;
}

async function filesOf(g: Gateway, messageId: string): Promise<FileItem[]> {
  const response = await g.app.request(`/api/messages/${messageId}`, api('GET'));
  expect(response.status).toBe(200);
  return ((await response.json()) as { files: FileItem[] }).files;
}

async function served(g: Gateway, url: string) {
  const response = await g.app.request(url, api('GET'));
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe('media by reference: the downloader', () => {
  it('downloads a file after the drain scheduled it, checks it, and serves it back', async () => {
    const g = gateway();
    const message = await receive(g, [await userSends(PNG)]);
    const [file] = await filesOf(g, message.messageId);
    expect(file).toEqual({
      index: 0,
      downloadUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/media\?fileId=/),
      contentType: 'image/png',
      fileName: expect.stringMatching(/\.png$/),
      byteSize: PNG.length,
      declaredSha256: await sha256Hex(PNG),
      state: 'stored',
      attempts: 1,
      nextAttemptAt: null,
      error: null,
      url: `/api/messages/${message.messageId}/media/0`,
    });
    const { response, bytes } = await served(g, file!.url!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(bytes).toEqual(PNG);
    // The message's own media URL serves its first file too, and the conversation shows the same.
    expect((await served(g, `/api/messages/${message.messageId}/media`)).bytes).toEqual(PNG);
    const thread = await g.app.request(`/api/conversations/${message.from}`, api('GET'));
    const { items } = (await thread.json()) as { items: { files: FileItem[] }[] };
    expect(items[0]!.files).toEqual([file]);
    // Scheduling again (an entry handed on twice) downloads nothing again.
    await g.store.scheduleDownloads([{ eventKey: message.key, files: 1 }], g.clock.now);
    expect((await g.downloader.run()).stored).toBe(0);
  });

  it('retries a download the platform fails, with backoff, then stores it', async () => {
    const g = gateway();
    const fault = await emulatorCall('/_emulator/faults', { fault: '901', times: 2, route: 'media' });
    expect(fault.status).toBe(201);
    const message = await receive(g, [await userSends(PNG)]);
    const first = g.clock.now;
    expect(await filesOf(g, message.messageId)).toEqual([
      expect.objectContaining({
        state: 'pending',
        attempts: 1,
        nextAttemptAt: first + DOWNLOAD_BACKOFF.firstMs,
        error: expect.stringContaining('HTTP 503'),
        url: null,
      }),
    ]);
    expect((await served(g, `/api/messages/${message.messageId}/media/0`)).response.status).toBe(404);
    // Not due yet: nothing is fetched.
    g.clock.now += DOWNLOAD_BACKOFF.firstMs - 1;
    expect(await g.downloader.run()).toMatchObject({ stored: 0, retrying: 0 });
    g.clock.now += 1;
    expect(await g.downloader.run()).toMatchObject({ retrying: 1 });
    expect((await filesOf(g, message.messageId))[0]).toMatchObject({
      state: 'pending',
      attempts: 2,
      nextAttemptAt: g.clock.now + 2 * DOWNLOAD_BACKOFF.firstMs,
    });
    g.clock.now += 2 * DOWNLOAD_BACKOFF.firstMs;
    expect(await g.downloader.run()).toMatchObject({ stored: 1 });
    expect((await filesOf(g, message.messageId))[0]).toMatchObject({ state: 'stored', attempts: 3 });
    expect((await served(g, `/api/messages/${message.messageId}/media/0`)).bytes).toEqual(PNG);
  });

  it('ends with not-found for a file the platform does not have (404)', async () => {
    const g = gateway();
    const missing = `${emulator.url}/v1/media?fileId=00000000-0000-0000-0000-000000000000.png`;
    const message = await receive(g, [mediaFile(missing)]);
    const [file] = await filesOf(g, message.messageId);
    expect(file).toMatchObject({ state: 'not-found', nextAttemptAt: null, url: null });
    const { response, bytes } = await served(g, `/api/messages/${message.messageId}/media/0`);
    expect([response.status, JSON.parse(new TextDecoder().decode(bytes))]).toEqual([
      404,
      expect.objectContaining({ state: 'not-found' }),
    ]);
  });

  it('ends with hash-mismatch when the bytes are not those the callback declared', async () => {
    const g = gateway();
    const message = await receive(g, [await userSends(PNG, { corruptDownload: true })]);
    expect((await filesOf(g, message.messageId))[0]).toMatchObject({ state: 'hash-mismatch', url: null });
  });

  it('ends with size-mismatch, too-large and expired as the declaration and the date say', async () => {
    const g = gateway();
    const file = await userSends(PNG);
    const message = await receive(g, [
      { ...file, byteSize: PNG.length + 1 },
      { ...file, byteSize: 30_000_001 },
    ]);
    expect((await filesOf(g, message.messageId)).map((f) => f.state)).toEqual(['size-mismatch', 'too-large']);
    const old = inboundFiles(newMsisdn(), g.clock.now - MEDIA_RETENTION_MS, [file]);
    await g.store.insertEvents([old]);
    await g.drain.run();
    expect((await filesOf(g, old.messageId))[0]?.state).toBe('expired');
  });

  it('refuses a URL on another origin than Clickatell, and sends the key nowhere', async () => {
    let requests = 0;
    const elsewhere = createServer((_, res) => {
      requests++;
      res.end('not for you');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const g = gateway();
      const { port } = elsewhere.address() as AddressInfo;
      const file = await userSends(PNG);
      const forged = new URL(file.downloadUrl);
      forged.port = String(port);
      const message = await receive(g, [{ ...file, downloadUrl: forged.href }]);
      expect((await filesOf(g, message.messageId))[0]).toMatchObject({ state: 'refused-origin' });
      expect(requests).toBe(0);
      // With no base URL, only Clickatell's platform is allowed: the emulator's own URL is refused too.
      const strict = gateway({ baseUrl: '' });
      const again = await receive(strict, [file]);
      expect((await filesOf(strict, again.messageId))[0]?.state).toBe('refused-origin');
    } finally {
      await new Promise((resolve) => elsewhere.close(resolve));
    }
  });

  it('retries while the key is refused (401), keeping the message', async () => {
    const g = gateway({ apiKey: 'a-revoked-key' });
    const message = await receive(g, [await userSends(PNG)]);
    expect((await filesOf(g, message.messageId))[0]).toMatchObject({
      state: 'pending',
      error: expect.stringContaining('HTTP 401'),
    });
  });

  it('checks an encrypted file in clear, stores it as received, and serves it decrypted', async () => {
    const sealed = await encryption.encryptMedia(PNG);
    const cipher = new Uint8Array(Buffer.from(sealed.content, 'base64'));
    const upload = await fetch(`${emulator.url}/v1/media?fileName=secret.png`, {
      method: 'POST',
      headers: { authorization: ONE_KEY, 'content-type': 'image/png' },
      body: cipher,
    });
    const { fileId } = (await upload.json()) as { fileId: string };
    const file = mediaFile(`${emulator.url}/v1/media?fileId=${fileId}&source=client`, {
      contentType: 'image/png',
      declaredSha256: sealed.sha256Hash,
      byteSize: PNG.length,
    });
    const g = gateway({ encryption });
    const message = await receive(g, [file], { encryptionKey: sealed.encryptionKey });
    const [item] = await filesOf(g, message.messageId);
    expect(item).toMatchObject({ state: 'stored', declaredSha256: await sha256Hex(PNG) });
    const download = (await g.store.getDownloads([message.key]))[0]!;
    expect(download).toMatchObject({ sha256: await sha256Hex(cipher), size: cipher.length });
    const { response, bytes } = await served(g, item!.url!);
    expect(response.status).toBe(200);
    expect(bytes).toEqual(PNG);
    // Without a key provider the file cannot be checked: it stays pending, retried, never dropped.
    const plain = gateway();
    const kept = await receive(plain, [file], { encryptionKey: sealed.encryptionKey });
    expect((await filesOf(plain, kept.messageId))[0]).toMatchObject({ state: 'pending', attempts: 1 });

    // A key provider down for now: retried, then stored once it answers again.
    let down = true;
    const flaky = createEncryption({
      keyProvider: {
        generateDataKey: () => keys.generateDataKey(),
        decryptDataKey: async (key) => {
          if (down) throw new EncryptionError('key-provider-failed', 'KMS unreachable', { retryable: true });
          return keys.decryptDataKey(key);
        },
      },
    });
    const later = gateway({ encryption: flaky });
    const waited = await receive(later, [file], { encryptionKey: sealed.encryptionKey });
    expect((await filesOf(later, waited.messageId))[0]).toMatchObject({
      state: 'pending',
      error: expect.stringContaining('key provider is unavailable'),
    });
    down = false;
    later.clock.now += DOWNLOAD_BACKOFF.firstMs;
    expect(await later.downloader.run()).toMatchObject({ stored: 1 });
  });

  it('backs off 30 s, doubling, at most an hour apart', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });
});
