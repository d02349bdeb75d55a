// Encryption against the emulator over real HTTP: its KMS endpoint (SigV4 checked), the platform reading
// encrypted sends as Clickatell would (statuses 40, 41, 32), encrypted replies, and no secret anywhere.
import { createClient, media, template, text } from '@clickwa/core';
import {
  AES_256_GCM,
  type ContentCipher,
  createEncryption,
  type KeyProvider,
  KmsError,
  kmsKeyProvider,
  localKeyProvider,
} from '@clickwa/core/encryption';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmulator, type MessageRecord } from '../src/index.ts';
import { type RunningEmulator, serveEmulator } from '../src/node/index.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import { FAST, inspect } from './helpers/send.ts';

const API_KEY = 'encryption-test-key-0123456789';
const MASTER = 'bWFzdGVyLWtleS1vZi10aGUtZW5jcnlwdGlvbi10ZXM='; // 32 bytes
const CREDENTIALS = {
  accessKeyId: 'AKIDENCRYPTIONTEST',
  secretAccessKey: 'kms-secret-access-key-never-shown',
  sessionToken: 'kms-session-token-never-shown',
};
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(2_000).fill(9)]);

let emulator: RunningEmulator;
let receiver: Receiver;
let kmsEndpoint: string;
beforeAll(async () => {
  receiver = await startReceiver();
  emulator = await serveEmulator({
    ...FAST,
    port: 0,
    apiKey: API_KEY,
    inboundCallback: `${receiver.url}/inbound`,
    kms: { keys: { 'alias/clickatell': MASTER }, credentials: [CREDENTIALS], region: 'eu-west-1' },
  });
  kmsEndpoint = `${emulator.url}/_emulator/kms`;
});
beforeEach(async () => {
  await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
});
afterAll(async () => {
  await emulator.close();
  await receiver.close();
});

const kms = (overrides: Partial<Parameters<typeof kmsKeyProvider>[0]> = {}) =>
  kmsKeyProvider({
    region: 'eu-west-1',
    keyId: 'alias/clickatell',
    credentials: CREDENTIALS,
    endpoint: kmsEndpoint,
    ...overrides,
  });

const client = () => createClient({ apiKey: API_KEY, baseUrl: emulator.url });

async function finalStatuses(): Promise<number[]> {
  await emulator.emulator.idle();
  const { messages } = await inspect<{ messages: MessageRecord[] }>(emulator.url, '/_emulator/messages');
  return messages.map((m) => m.plannedStatuses.at(-1)!);
}

describe("the emulator's KMS endpoint", () => {
  it('serves GenerateDataKey and Decrypt to the KMS key provider, signed with SigV4', async () => {
    const provider = kms();
    const key = await provider.generateDataKey();
    expect(key.plaintext.length).toBe(32);
    expect(key.encryptionKey.startsWith('AQIDAH')).toBe(true);
    expect(await provider.decryptDataKey(key.encryptionKey)).toEqual(key.plaintext);
  });

  it('refuses bad signatures and unknown keys as KMS does', async () => {
    const cases = [
      [{ credentials: { ...CREDENTIALS, accessKeyId: 'AKIDOTHER' } }, 'UnrecognizedClientException'],
      [{ credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } }, 'InvalidSignatureException'],
      [{ credentials: { ...CREDENTIALS, sessionToken: 'another-token' } }, 'UnrecognizedClientException'],
      [{ region: 'us-east-1' }, 'InvalidSignatureException'],
      [{ keyId: 'alias/unknown' }, 'NotFoundException'],
    ] as const;
    for (const [overrides, type] of cases) {
      const error = await kms(overrides)
        .generateDataKey()
        .catch((e) => e);
      expect(error).toBeInstanceOf(KmsError);
      expect(error.type).toBe(type);
    }
    const blob = (await localKeyProvider(new Uint8Array(32).fill(1)).generateDataKey()).encryptionKey;
    await expect(kms().decryptDataKey(blob)).rejects.toMatchObject({
      type: 'InvalidCiphertextException',
      problem: 'key-not-decryptable',
    });
  });
});

describe('encrypted sends', () => {
  it('text, template and media encrypted with KMS data keys are delivered and read', async () => {
    const encryption = createEncryption({ keyProvider: kms() });
    const results = await client().send(
      [
        text('27999000001', 'Your balance is R 1,024.00'),
        template('27999000002', 'payment_alert', ['R 150', '1234']),
        media('27999000003', PNG, { caption: 'Statement' }),
      ],
      { encryption },
    );
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await finalStatuses()).toEqual([27, 27, 27]);
  });

  it('a local key with the same master key and key id works too', async () => {
    const encryption = createEncryption({
      keyProvider: localKeyProvider(MASTER, { keyId: 'alias/clickatell' }),
    });
    await client().send(text('27999000001', 'local'), { encryption });
    expect(await finalStatuses()).toEqual([27]);
  });

  it('a key the platform cannot decrypt ends in 40, a changed ciphertext in 41, a wrong hash in 32', async () => {
    const foreign = createEncryption({ keyProvider: localKeyProvider(new Uint8Array(32).fill(2)) });
    await client().send(text('27999000001', 'x'), { encryption: foreign });
    expect(await finalStatuses()).toEqual([40]);

    // An encryption that tampers after encrypting, as a corrupting proxy would.
    const real = createEncryption({ keyProvider: kms() });
    const tampering = (what: 'content' | 'sha256Hash') => ({
      encryptMessage: async (...args: Parameters<typeof real.encryptMessage>) => {
        const sealed = await real.encryptMessage(...args);
        const message = { ...sealed.message } as Record<string, string>;
        message[what] = what === 'content' ? `AAAA${message.content!.slice(4)}` : '0'.repeat(64);
        return { ...sealed, message: message as never };
      },
    });
    await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
    await client().send(text('27999000001', 'some text to change'), { encryption: tampering('content') });
    expect(await finalStatuses()).toEqual([41]);
    await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
    await client().send(media('27999000001', PNG), { encryption: tampering('sha256Hash') });
    expect(await finalStatuses()).toEqual([32]);
  });
});

describe('another content cipher', () => {
  // AES-256-GCM with the bytes reversed after sealing: a stand-in for whatever the platform turns out to use.
  const reversed: ContentCipher = {
    name: 'AES-256-GCM-reversed',
    async bind(dataKey) {
      const inner = await AES_256_GCM.bind(dataKey);
      return {
        encrypt: async (clear) => (await inner.encrypt(clear)).reverse(),
        decrypt: (sealed) => inner.decrypt(new Uint8Array(sealed).reverse()),
      };
    },
  };

  it('is one option on both sides; a platform with the other cipher ends the message in 41', async () => {
    const key = { local: MASTER };
    const encryption = createEncryption({ keyProvider: localKeyProvider(MASTER), cipher: reversed });
    for (const [cipher, final] of [
      [reversed, 27],
      [undefined, 41],
    ] as const) {
      const platform = createEmulator({
        apiKey: API_KEY,
        callbacks: false,
        kms: { keys: key, ...(cipher ? { cipher } : {}) },
      });
      const sender = createClient({
        apiKey: API_KEY,
        baseUrl: 'http://emulator.local',
        fetch: platform.fetch,
      });
      expect((await sender.send(text('27999000001', 'hello'), { encryption })).accepted).toBe(true);
      const { messages } = await inspect<{ messages: MessageRecord[] }>(platform, '/_emulator/messages');
      expect(messages[0]!.plannedStatuses.at(-1)).toBe(final);
      platform.close();
    }
  });
});

describe('encrypted replies', () => {
  it('a simulated user sends encrypted text and media; decryptCallback reads them', async () => {
    const reader = createEncryption({ keyProvider: kms() });
    const post = async (body: Record<string, unknown>) => {
      const response = await fetch(`${emulator.url}/_emulator/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '27999000001', encrypt: true, ...body }),
      });
      const { messageId } = (await response.json()) as { messageId: string };
      await emulator.emulator.idle();
      return receiver.received.find((r) => r.body.messageId === messageId)!.body;
    };
    const textCallback = await post({ content: 'Please call me' });
    expect(textCallback.encryptionKey).toMatch(/^AQIDAH/);
    expect(textCallback.content).not.toContain('call');
    expect((await reader.decryptCallback(textCallback)).content).toBe('Please call me');

    const base64 = btoa(String.fromCharCode(...PNG));
    const mediaCallback = await post({ content: base64, contentType: 'image/png', caption: 'my receipt' });
    expect(mediaCallback.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    const clear = await reader.decryptCallback(mediaCallback);
    expect(clear).toMatchObject({ content: base64, caption: 'my receipt', encryptionKey: null });
  });
});

describe('secrets', () => {
  it('never appear in errors, stored rows or callbacks', async () => {
    const plaintexts: string[] = [];
    const provider = kms();
    const spying: KeyProvider = {
      generateDataKey: async () => {
        const key = await provider.generateDataKey();
        plaintexts.push(btoa(String.fromCharCode(...key.plaintext)));
        return key;
      },
      decryptDataKey: provider.decryptDataKey,
    };
    const encryption = createEncryption({ keyProvider: spying });
    const sent = await client().send(
      [text('27999000001', 'hello'), media('27999000003', PNG, { caption: 'c' })],
      { encryption },
    );
    await fetch(`${emulator.url}/_emulator/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '27999000001', encrypt: true, content: 'reply' }),
    });
    await emulator.emulator.idle();
    const errors = [
      await kms({ credentials: { ...CREDENTIALS, secretAccessKey: 'wrong' } })
        .generateDataKey()
        .catch((e) => e),
      await kms({ keyId: 'alias/unknown' })
        .generateDataKey()
        .catch((e) => e),
    ];
    const shown = [
      JSON.stringify(sent),
      JSON.stringify(await inspect(emulator.url, '/_emulator/messages')),
      JSON.stringify(await inspect(emulator.url, '/_emulator/inbound')),
      JSON.stringify(receiver.received),
      JSON.stringify(encryption),
      String(encryption),
      ...errors.flatMap((e) => [String(e), JSON.stringify(e), e.stack]),
    ].join('\n');
    expect(plaintexts.length).toBeGreaterThan(0);
    for (const secret of [CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken, MASTER, ...plaintexts])
      expect(shown).not.toContain(secret);
  });
});
