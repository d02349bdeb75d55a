// The core's One API client against the emulator's One API, in-process and over HTTP: results mapped to the right
// messages whatever the answer's order, every transport rule, and the methods only One API has.
import { type ClientOptions, createClient, media, template, text } from '@clickwa/core';
import { createEncryption, localKeyProvider } from '@clickwa/core/encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { KMS_DEFAULTS, magicNumber } from '../../src/index.ts';
import { pngBase64 } from '../helpers/media.ts';
import { startPlatform, type TestPlatform, type Transport } from '../helpers/platform.ts';
import { type TapOptions, tapFetch } from '../helpers/tap-fetch.ts';
import { number } from './fixtures.ts';

const ONE_KEY = 'one-api-client-key';
let platform: TestPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  platform = undefined;
});

async function setUp(transport: Transport, tap: TapOptions = {}, options: Partial<ClientOptions> = {}) {
  platform = await startPlatform(transport, {
    integrations: [{ name: 'one', apiKey: ONE_KEY, api: 'one' }],
    // Answers in a shuffled order, without the disputed clientMessageId echo.
    oneApi: { echoClientMessageId: false, shuffleAnswers: true },
  });
  const wire = tapFetch(platform.fetch, tap);
  const client = createClient({
    api: 'one',
    apiKey: ONE_KEY,
    baseUrl: platform.baseUrl,
    fetch: wire.fetch,
    retry: { baseMs: 1, maxMs: 5 },
    ...options,
  });
  // The methods' requests are not JSON sends: they go straight to the emulator.
  const direct = createClient({
    api: 'one',
    apiKey: ONE_KEY,
    baseUrl: platform.baseUrl,
    fetch: platform.fetch,
  });
  return { platform, wire, client, direct };
}

const get = async <T>(p: TestPlatform, path: string): Promise<T> =>
  (await (await p.fetch(`${p.baseUrl}${path}`)).json()) as T;

for (const transport of ['in-process', 'http'] as const) {
  describe(`the One API client over ${transport}`, () => {
    it('maps a shuffled 207 without ids back to each message by number', async () => {
      const { platform, client } = await setUp(transport);
      const messages = [
        text(number(1), 'Hello'),
        template(number(2), 'payment_alert', ['$150', '1234']),
        text(magicNumber.reject(25), 'refused'),
        media(number(3), pngBase64(100), { caption: 'receipt' }),
      ];
      const results = await client.send(messages);
      expect(results.map((r) => [r.outcome, r.error?.code])).toEqual([
        ['accepted', undefined],
        ['accepted', undefined],
        ['rejected', 25],
        ['accepted', undefined],
      ]);
      const records = await platform.messages();
      for (const r of results.filter((x) => x.accepted))
        expect(records.find((m) => m.messageId === r.messageId)?.to).toBe(r.to);
    });

    const rules: [string, TapOptions['fault'], string, number][] = [
      ['503 with 19 is retried', (n) => (n === 0 ? '901' : undefined), 'accepted', 2],
      ['500 with 18 is unknown, never resent', () => '500', 'unknown', 1],
      ['43 "Rate limit" as HTTP 400 is a throttle', () => '429', 'not-sent', 3],
    ];
    for (const [name, fault, outcome, requests] of rules) {
      it(name, async () => {
        const { wire, client } = await setUp(transport, { fault });
        const results = await client.send([text(number(1), 'a'), text(number(2), 'b')]);
        expect(results.map((r) => r.outcome)).toEqual([outcome, outcome]);
        expect(wire.requests).toHaveLength(requests);
      });
    }

    it('a wrong key is 401 with code 1: rejected, and the send stops', async () => {
      const { wire, platform } = await setUp(transport);
      const client = createClient({
        api: 'one',
        apiKey: 'not-the-key',
        baseUrl: platform.baseUrl,
        fetch: wire.fetch,
        concurrency: 1,
      });
      const results = await client.send(Array.from({ length: 201 }, (_, i) => text(number(i), `m${i}`)));
      expect(results[0]).toMatchObject({
        outcome: 'rejected',
        error: { name: 'InvalidApiKeyError', api: 'one', status: 401 },
      });
      expect(results[200]).toMatchObject({ outcome: 'not-sent', error: { code: 1, retryable: true } });
      expect(wire.requests).toHaveLength(1);
    });

    it('sends encrypted: the platform reads what its KMS key opens, and ends the rest in 60', async () => {
      const { platform, client } = await setUp(transport);
      const [keyId, master] = Object.entries(KMS_DEFAULTS.keys)[0]!;
      const readable = createEncryption({ keyProvider: localKeyProvider(master, { keyId }) });
      const foreign = createEncryption({
        keyProvider: localKeyProvider(new Uint8Array(32).fill(3), { keyId }),
      });
      const [ok] = await client.send([text(number(5), 'Your balance is R 1,024.00')], {
        encryption: readable,
      });
      const [lost] = await client.send([text(number(6), 'for another key')], { encryption: foreign });
      expect([ok!.outcome, lost!.outcome]).toEqual(['accepted', 'accepted']);
      const records = await platform.messages();
      const planned = (id: string) => records.find((m) => m.messageId === id)!.plannedStatuses;
      expect(planned(ok!.messageId!)).not.toContain(60);
      expect(planned(lost!.messageId!).at(-1)).toBe(60);
    });

    it('uploads a file, sends it by its id, reads its status and expiry', async () => {
      const { platform, client, direct } = await setUp(transport);
      const png = Uint8Array.from(atob(pngBase64(2048)), (c) => c.charCodeAt(0));
      const { fileId } = await direct.uploadMedia(png, {
        fileName: 'logo.png',
        contentType: 'image/png',
        broadcast: true,
      });
      expect(fileId).toMatch(/\.png$/);
      const info = await direct.mediaInfo(fileId);
      expect(info.broadcastAllowed).toBe(true);
      expect(info.expiresAt).toBeGreaterThan(Date.UTC(2020, 0));
      const [sent] = await client.send([media(number(4), { fileId }, { caption: 'logo' })]);
      expect(sent).toMatchObject({ outcome: 'accepted' });
      const status = await direct.getStatus(sent!.messageId!);
      expect(status).toMatchObject({ messageId: sent!.messageId, channel: 'whatsapp' });
      expect((await direct.getStatus('no-such-message')).status).toBe('UNKNOWN');
      expect((await platform.messages()).at(-1)).toMatchObject({ to: number(4) });
    });

    it("marks a user's message read, and downloads its media, refusing bytes that do not match", async () => {
      const { platform, direct } = await setUp(transport);
      const post = (body: unknown) =>
        platform.fetch(`${platform.baseUrl}/_emulator/inbound`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const user = { from: number(9), contentType: 'image/png', content: pngBase64(300), mediaForm: 'files' };
      const answer = await post(user);
      expect(answer.status).toBe(202);
      const good = (await answer.json()) as { messageId: string };
      expect((await post({ ...user, corruptDownload: true })).status).toBe(202);
      // The files as the callbacks announce them: id, hash and size.
      const { files } = await get<{ files: { fileId: string; sha256Hash: string; byteSize: number }[] }>(
        platform,
        '/_emulator/media',
      );
      const [file, corrupt] = files;
      const url = (f: { fileId: string; sha256Hash: string }) =>
        `${platform.baseUrl}/v1/media?fileId=${f.fileId}&sha256Hash=${f.sha256Hash}&source=client`;
      const downloaded = await direct.downloadMedia(url(file!), { byteSize: file!.byteSize });
      expect(downloaded).toMatchObject({ contentType: 'image/png' });
      expect(downloaded.bytes.length).toBe(file!.byteSize);
      await expect(direct.downloadMedia(url(corrupt!))).rejects.toMatchObject({ code: 'integrity' });
      await direct.markRead(good.messageId);
      const after = await get<{ inbound: { messageId: string; readAt?: number }[] }>(
        platform,
        '/_emulator/inbound',
      );
      expect(after.inbound.find((m) => m.messageId === good.messageId)?.readAt).toEqual(expect.any(Number));
    });
  });
}
