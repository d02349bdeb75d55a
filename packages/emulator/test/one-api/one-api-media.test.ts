import { createHash } from 'node:crypto';
import { parseCallbackBody } from '@clickwa/core';
import { createEncryption, kmsKeyProvider } from '@clickwa/core/encryption';
import { describe, expect, it } from 'vitest';
import { KMS_DEFAULTS } from '../../src/index.ts';
import { serveEmulator } from '../../src/node/index.ts';
import { closeAfterEach } from '../helpers/close-after-each.ts';
import { pngBase64 } from '../helpers/media.ts';
import { ONE_KEY, oneApi, whatsappText } from '../helpers/one-api.ts';
import { startReceiver } from '../helpers/receiver.ts';
import { FAST, until } from '../helpers/send.ts';

const track = closeAfterEach();
const DAY = 86_400_000;

/** An emulator with a One API integration and a settable clock. */
async function start(extra: Record<string, unknown> = {}) {
  const clock = { now: 1_700_000_000_000 };
  const platform = track(
    await serveEmulator({
      port: 0,
      ...FAST,
      seed: 5,
      now: () => clock.now,
      integrations: [
        { name: 'one', apiKey: ONE_KEY, api: 'one', ...extra },
        { name: 'other', apiKey: 'other-key', api: 'one' },
      ],
    }),
  );
  return { url: platform.url, clock };
}

const png = Buffer.from(pngBase64(2048), 'base64');
const upload = (
  url: string,
  query: string,
  body: Uint8Array = png,
  type = 'image/png',
  key?: string | null,
) =>
  oneApi<{ fileId: string; accepted: boolean; error: unknown }>(url, `/v1/media?${query}`, {
    body,
    headers: { 'content-type': type },
    ...(key === undefined ? {} : { key }),
  });

describe('POST /v1/media', () => {
  it('keeps the file and answers a fileId <uuid>.<ext>', async () => {
    const { url } = await start();
    const answer = await upload(url, 'fileName=logo.png');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      fileId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.png$/),
      accepted: true,
      error: null,
    });
    const listed = await oneApi<{ files: Record<string, unknown>[] }>(url, '/_emulator/media');
    expect(listed.body.files).toEqual([
      expect.objectContaining({
        fileId: answer.body.fileId,
        fileName: 'logo.png',
        byteSize: 2048,
        source: 'upload',
      }),
    ]);
    expect(listed.body.files[0]).not.toHaveProperty('bytes');
  });

  it('refuses no key (401, 1), no fileName (23), an unsupported type (30), more than 30 MB (31)', async () => {
    const { url } = await start();
    const noKey = await upload(url, 'fileName=a.png', png, 'image/png', null);
    expect([noKey.status, noKey.body]).toEqual([401, { error: expect.objectContaining({ code: 1 }) }]);
    expect((await upload(url, '')).body).toEqual({ error: expect.objectContaining({ code: 23 }) });
    expect((await upload(url, 'fileName=a.gif', png, 'image/gif')).body).toEqual({
      error: expect.objectContaining({ code: 30 }),
    });
    const big = await upload(url, 'fileName=big.pdf', new Uint8Array(30_000_001), 'application/pdf');
    expect([big.status, big.body]).toEqual([
      400,
      { error: { code: 31, description: 'Media file size exceeds limit of 30 MB' } },
    ]);
  });

  it('GET /v1/media/{fileId}: expiry 30 days on, in seconds; broadcast unless uploaded for one number', async () => {
    const { url, clock } = await start();
    const broadcast = (await upload(url, 'fileName=a.png&broadcastAllowed=true')).body.fileId;
    const single = (await upload(url, 'fileName=b.png&to=27999000001')).body.fileId;
    const info = await oneApi(url, `/v1/media/${broadcast}`);
    expect(info).toMatchObject({
      status: 200,
      body: { expirationTime: Math.floor((clock.now + 30 * DAY) / 1000), broadcastAllowed: true },
    });
    expect((await oneApi(url, `/v1/media/${single}`)).body).toMatchObject({ broadcastAllowed: false });
    expect((await oneApi(url, `/v1/media/${single}`, { key: 'other-key' })).status).toBe(404);
    clock.now += 30 * DAY;
    expect((await oneApi(url, `/v1/media/${broadcast}`)).status).toBe(404);
  });
});

describe('sending uploaded media', () => {
  it('sends media and a template header by fileId; refuses unknown, expired and other numbers with 33', async () => {
    const { url, clock } = await start();
    const any = (await upload(url, 'fileName=a.png')).body.fileId;
    const onlyOne = (await upload(url, 'fileName=b.png&to=27999000001')).body.fileId;
    const byFile = (to: string, fileId: string) => ({
      channel: 'whatsapp',
      to,
      media: { fileId, caption: 'c' },
    });
    const template = {
      channel: 'whatsapp',
      to: '27999000002',
      template: {
        templateName: 'payment_alert',
        header: { type: 'media', media: { fileId: any } },
        body: { parameters: { 1: '$10', 2: '1234' } },
      },
    };
    const ok = await oneApi<{ messages: { accepted: boolean; error: { code: number } | null }[] }>(
      url,
      '/v1/message',
      {
        body: { messages: [byFile('27999000002', any), byFile('27999000001', onlyOne), template] },
      },
    );
    expect(ok.status).toBe(202);
    const records = await oneApi<{ messages: { kind: string; summary: Record<string, unknown> }[] }>(
      url,
      '/_emulator/messages',
    );
    expect(records.body.messages.map((m) => m.summary)).toEqual([
      expect.objectContaining({ kind: 'media', contentType: 'image/png', bytes: 2048, caption: 'c' }),
      expect.objectContaining({ kind: 'media', contentType: 'image/png' }),
      expect.objectContaining({
        kind: 'template',
        template: 'payment_alert',
        rendered: 'Alert: Payment of $10 was posted to your account ending in: 1234',
      }),
    ]);
    const refused = await oneApi<{ messages: { error: { code: number } }[] }>(url, '/v1/message', {
      body: { messages: [byFile('27999000002', onlyOne), byFile('27999000002', 'missing.png')] },
    });
    expect(refused.status).toBe(207);
    expect(refused.body.messages.map((m) => m.error.code)).toEqual([33, 33]);
    const otherIntegration = await oneApi(url, '/v1/message', {
      key: 'other-key',
      body: { messages: [byFile('27999000002', any)] },
    });
    expect(otherIntegration.body).toMatchObject({ messages: [{ error: { code: 33 } }] });
    clock.now += 31 * DAY;
    const expired = await oneApi(url, '/v1/message', { body: { messages: [byFile('27999000002', any)] } });
    expect(expired.body).toMatchObject({ messages: [{ error: { code: 33 } }] });
  });

  it('refuses a template the account does not have, or with the wrong parameters, with 23', async () => {
    const { url } = await start();
    const template = (templateName: string, parameters: Record<string, string>) => ({
      channel: 'whatsapp',
      to: '27999000001',
      template: { templateName, body: { parameters } },
    });
    const answer = await oneApi<{ messages: { error: { description: string } }[] }>(url, '/v1/message', {
      body: { messages: [template('nope', {}), template('payment_alert', { 1: 'x' })] },
    });
    expect(answer.body.messages.map((m) => m.error.description)).toEqual([
      'Invalid or missing parameter: template.templateName',
      'Invalid or missing parameter: template.body.parameters',
    ]);
    expect(
      (
        await oneApi(url, '/v1/message', {
          body: { messages: [template('payment_alert', { 1: 'a', 2: 'b' })] },
        })
      ).status,
    ).toBe(202);
  });
});

describe('user media by reference', () => {
  it('calls back files[] with a downloadUrl the emulator serves, checked by hash, for the integration only', async () => {
    const receiver = track(await startReceiver());
    const { url } = await start({ inboundCallback: `${receiver.url}/mo` });
    const bytes = Buffer.from(pngBase64(300), 'base64');
    const simulated = await oneApi(url, '/_emulator/inbound', {
      body: {
        from: '27999000001',
        contentType: 'image/png',
        content: bytes.toString('base64'),
        caption: 'look',
      },
    });
    expect(simulated.status).toBe(202);
    await until(() => receiver.received.length > 0);
    const parsed = parseCallbackBody(receiver.received[0]!.body);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.issues));
    const [event] = parsed.output.events;
    if (event?.kind !== 'message' || event.type !== 'media-files')
      throw new Error(`not media by reference: ${JSON.stringify(event)}`);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(event).toMatchObject({ caption: 'look', from: '27999000001', to: '27999000000' });
    const [file] = event.files;
    expect(file).toMatchObject({ contentType: 'image/png', sha256Hash: sha256, byteSize: 300 });
    expect(file!.downloadUrl).toMatch(
      new RegExp(`^${url}/v1/media\\?fileId=[0-9a-f-]{36}\\.png&sha256Hash=${sha256}&source=client$`),
    );
    const path = file!.downloadUrl.slice(url.length);
    const download = await oneApi<Uint8Array>(url, path);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(download.body).equals(bytes)).toBe(true);
    const wrongHash = path.replace(sha256, '0'.repeat(64));
    expect((await oneApi(url, wrongHash)).body).toEqual({ error: expect.objectContaining({ code: 23 }) });
    expect((await oneApi(url, path, { key: 'other-key' })).status).toBe(404);
    expect((await oneApi(url, path, { key: null })).status).toBe(401);
  });

  it('calls back inline base64 when the integration (or the simulated message) asks for it', async () => {
    const receiver = track(await startReceiver());
    const { url } = await start({ inboundCallback: `${receiver.url}/mo`, moMedia: 'inline' });
    const content = pngBase64(64);
    await oneApi(url, '/_emulator/inbound', {
      body: { from: '27999000001', contentType: 'image/png', content },
    });
    await oneApi(url, '/_emulator/inbound', {
      body: { from: '27999000001', contentType: 'image/png', content, mediaForm: 'files' },
    });
    await until(() => receiver.received.length === 2);
    const events = receiver.received.map((r) => {
      const parsed = parseCallbackBody(r.body);
      return parsed.success ? parsed.output.events[0] : undefined;
    });
    expect(events.map((e) => e?.kind === 'message' && e.type).sort()).toEqual(['media', 'media-files']);
    expect(events.find((e) => e?.kind === 'message' && e.type === 'media')).toMatchObject({
      content,
      contentType: 'image/png',
    });
  });

  it('can serve bytes that do not match the hash the callback announced, for clients to refuse', async () => {
    const receiver = track(await startReceiver());
    const { url } = await start({ inboundCallback: `${receiver.url}/mo` });
    const content = pngBase64(64);
    await oneApi(url, '/_emulator/inbound', {
      body: { from: '27999000001', contentType: 'image/png', content, corruptDownload: true },
    });
    await until(() => receiver.received.length === 1);
    const parsed = parseCallbackBody(receiver.received[0]!.body);
    const event = parsed.success ? parsed.output.events[0] : undefined;
    if (event?.kind !== 'message' || event.type !== 'media-files') throw new Error('no files');
    const file = event.files[0]!;
    const download = await oneApi<Uint8Array>(url, file.downloadUrl.slice(url.length));
    expect(download.status).toBe(200);
    expect(createHash('sha256').update(download.body).digest('hex')).not.toBe(file.sha256Hash);
    expect(download.body.byteLength).toBe(file.byteSize);
  });
});

describe('user media by reference, encrypted', () => {
  it('keeps the ciphertext for download and calls back the clear hash and size with the encryptionKey', async () => {
    const receiver = track(await startReceiver());
    const { url } = track(
      await serveEmulator({
        port: 0,
        ...FAST,
        seed: 6,
        integrations: [{ name: 'one', apiKey: ONE_KEY, api: 'one', inboundCallback: `${receiver.url}/mo` }],
      }),
    );
    const bytes = Buffer.from(pngBase64(500), 'base64');
    const simulated = await oneApi(url, '/_emulator/inbound', {
      body: {
        from: '27999000001',
        contentType: 'image/png',
        content: bytes.toString('base64'),
        encrypt: true,
      },
    });
    expect(simulated.status).toBe(202);
    await until(() => receiver.received.length > 0);
    const parsed = parseCallbackBody(receiver.received[0]!.body);
    const event = parsed.success ? parsed.output.events[0] : undefined;
    if (event?.kind !== 'message' || event.type !== 'media-files') throw new Error('no files');
    const [file] = event.files;
    expect(event.encryptionKey).toMatch(/^AQIDAH/);
    expect(file).toMatchObject({
      sha256Hash: createHash('sha256').update(bytes).digest('hex'),
      byteSize: 500,
    });
    const download = await oneApi<Uint8Array>(url, file!.downloadUrl.slice(url.length));
    expect(download.status).toBe(200);
    expect(Buffer.from(download.body).equals(bytes)).toBe(false);
    const [credentials] = KMS_DEFAULTS.credentials;
    const reader = createEncryption({
      keyProvider: kmsKeyProvider({
        region: KMS_DEFAULTS.region,
        keyId: Object.keys(KMS_DEFAULTS.keys)[0]!,
        credentials: credentials!,
        endpoint: `${url}/_emulator/kms`,
      }),
    });
    const clear = await reader.decryptMedia(
      Buffer.from(download.body).toString('base64'),
      event.encryptionKey!,
      file!.sha256Hash!,
    );
    expect(Buffer.from(clear).equals(bytes)).toBe(true);
  });
});

describe('GET /v1/media: faults and unknown files', () => {
  it('answers 404 with 33 for a file it never had', async () => {
    const { url } = await start();
    const answer = await oneApi(
      url,
      `/v1/media?fileId=${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.png`,
    );
    expect([answer.status, answer.body]).toEqual([404, { error: expect.objectContaining({ code: 33 }) }]);
  });

  it("fails the next downloads with a run-time fault of route 'media', then serves the file", async () => {
    const { url } = await start();
    const { fileId } = (await upload(url, 'fileName=logo.png')).body;
    const added = await oneApi(url, '/_emulator/faults', {
      body: { fault: '901', times: 2, route: 'media' },
    });
    expect([added.status, added.body]).toEqual([201, { id: 1, fault: '901', route: 'media', times: 2 }]);
    // A send is not a download: the rule waits for the media route.
    const sent = await oneApi(url, '/v1/message', { body: { messages: [whatsappText('27999000001')] } });
    expect(sent.status).toBe(202);
    const path = `/v1/media?fileId=${fileId}`;
    for (let i = 0; i < 2; i++) {
      const failed = await oneApi(url, path);
      expect([failed.status, failed.body]).toEqual([503, { error: expect.objectContaining({ code: 19 }) }]);
    }
    const served = await oneApi<Uint8Array>(url, path);
    expect(served.status).toBe(200);
    expect(Buffer.from(served.body).equals(png)).toBe(true);
    expect((await oneApi(url, '/_emulator/faults')).body).toEqual({ faults: [] });
    const wrong = await oneApi(url, '/_emulator/faults', {
      body: { fault: '500', route: 'media', to: '27999000001' },
    });
    expect(wrong.status).toBe(400);
    expect(
      (await oneApi(url, '/_emulator/faults', { body: { fault: '500', route: 'nowhere' } })).status,
    ).toBe(400);
  });
});

describe('inline media limits', () => {
  it('refuses a payload above 20 MB with 32', async () => {
    const { url } = await start();
    const answer = await oneApi(url, '/v1/message', {
      body: {
        messages: [
          {
            channel: 'whatsapp',
            to: '27999000001',
            contentType: 'application/pdf',
            content: Buffer.alloc(20_000_001).toString('base64'),
          },
        ],
      },
    });
    expect(answer.body).toMatchObject({
      messages: [{ error: { code: 32, description: 'Media payload size exceeds limit of 20 MB' } }],
    });
  });

  it('still sends text alongside', async () => {
    const { url } = await start();
    expect(
      (await oneApi(url, '/v1/message', { body: { messages: [whatsappText('27999000001')] } })).status,
    ).toBe(202);
  });
});
