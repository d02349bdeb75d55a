// The client with `encryption`: what goes on the wire for each API, and what a receiver holding the key reads.
import { describe, expect, it } from 'vitest';
import { createEncryption, type KeyProvider, localKeyProvider } from '../src/encryption/index.ts';
import {
  type ClickatellApi,
  createClient,
  media,
  sha256Hex,
  template,
  text,
  UsageError,
} from '../src/index.ts';

type Wire = Record<string, unknown> & { clientMessageId?: string; to: string };
type Body = { messages: Wire[]; encryptionKey?: string };

const MASTER = new Uint8Array(32).fill(3);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(600).fill(7)]);

/** A platform that accepts everything and keeps the bodies; a key provider that counts data keys. */
function setup(api: ClickatellApi = 'wa', lifetime: { maxUses?: number } = {}) {
  const bodies: Body[] = [];
  const fetch = async (_: string, init: RequestInit) => {
    const body = JSON.parse(init.body as string) as Body;
    bodies.push(body);
    const messages = body.messages.map((m) =>
      api === 'one'
        ? { apiMessageId: `api-${m.to}`, accepted: true, to: m.to, error: null }
        : { ...m, messageId: `m-${m.clientMessageId}`, accepted: true, error: null },
    );
    return Response.json({ error: null, messages }, { status: 202 });
  };
  const local = localKeyProvider(MASTER);
  let generated = 0;
  const keyProvider: KeyProvider = {
    generateDataKey: () => {
      generated++;
      return local.generateDataKey();
    },
    decryptDataKey: local.decryptDataKey,
  };
  const encryption = createEncryption({ keyProvider, dataKey: lifetime });
  const client = createClient({ apiKey: 'k', fetch, api, retry: { baseMs: 0, maxMs: 0 } });
  // The receiving side: the same master key, no shared state.
  const reader = createEncryption({ keyProvider: localKeyProvider(MASTER) });
  return { bodies, encryption, client, reader, generated: () => generated };
}

describe('client.send with encryption, legacy API', () => {
  it('text and templates under one top-level encryptionKey, media with its own and sha256Hash', async () => {
    const { bodies, encryption, client, reader } = setup();
    const results = await client.send(
      [
        text('27999000001', 'Your balance is R 1,024.00'),
        template('27999000002', 'payment_alert', ['R 150', '1234']),
        media('27999000003', PNG, { caption: 'Statement' }),
      ],
      { encryption },
    );
    expect(results.map((r) => r.outcome)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(bodies).toHaveLength(1);
    const [body] = bodies;
    const key = body!.encryptionKey!;
    expect(key.startsWith('AQIDAH')).toBe(true);
    const [t, h, m] = body!.messages;
    expect(t!.encryptionKey).toBeUndefined();
    expect(await reader.decryptText(t!.content as string, key)).toBe('Your balance is R 1,024.00');
    const hsm = h!.hsm as { template: string; parameters: Record<string, string> };
    expect(hsm.template).toBe('payment_alert');
    expect(Object.keys(hsm.parameters)).toEqual(['1', '2']);
    expect(await reader.decryptText(hsm.parameters['2']!, key)).toBe('1234');
    expect(m!.contentType).toBe('image/png');
    expect(m!.sha256Hash).toBe(await sha256Hex(PNG));
    const clear = await reader.decryptMedia(
      m!.content as string,
      m!.encryptionKey as string,
      m!.sha256Hash as string,
    );
    expect(clear).toEqual(PNG);
    expect(await reader.decryptText(m!.caption as string, m!.encryptionKey as string)).toBe('Statement');
    // Nothing clear on the wire.
    expect(JSON.stringify(body)).not.toMatch(/balance|1234|Statement/);
  });

  it('a new request when the data key rotates: each carries the key of its messages', async () => {
    const { bodies, encryption, client, reader, generated } = setup('wa', { maxUses: 2 });
    const messages = Array.from({ length: 5 }, (_, i) => text(`2799900000${i}`, `message ${i}`));
    const results = await client.send(messages, { encryption });
    expect(results.every((r) => r.accepted)).toBe(true);
    expect(generated()).toBe(3);
    expect(bodies.map((b) => b.messages.length)).toEqual([2, 2, 1]);
    expect(new Set(bodies.map((b) => b.encryptionKey)).size).toBe(3);
    const read = [];
    for (const b of bodies)
      for (const m of b.messages) read.push(await reader.decryptText(m.content as string, b.encryptionKey!));
    expect(read).toEqual(messages.map((m) => m.content));
  });

  it('checks the text limit on the clear text and measures the encrypted message', async () => {
    const { bodies, encryption, client } = setup();
    const [long, full] = await client.send(
      [text('27999000001', 'a'.repeat(4097)), text('27999000002', 'é'.repeat(4096))],
      { encryption },
    );
    expect(long).toMatchObject({ outcome: 'rejected', error: { code: 101 } });
    expect(full!.accepted).toBe(true);
    // The ciphertext of 4,096 characters is longer than 4,096: it was not measured against the text limit.
    expect((bodies[0]!.messages[0]!.content as string).length).toBeGreaterThan(4096);
  });

  it('refuses encryption with a hand-made encryptionKey, and messages that carry their own', async () => {
    const { encryption, client, bodies } = setup();
    await expect(
      client.send(text('27999000001', 'x'), { encryption, encryptionKey: 'AQIDAHg=' }),
    ).rejects.toThrow(UsageError);
    const result = await client.send(text('27999000001', 'x', { encryptionKey: 'AQIDAHg=' }), { encryption });
    expect(result.outcome).toBe('rejected');
    expect(result.error).toBeInstanceOf(UsageError);
    expect(bodies).toHaveLength(0);
    await expect(client.send(text('27999000001', 'x'), { encryption: {} as never })).rejects.toThrow(
      UsageError,
    );
  });

  it('a key provider that fails: not-sent, asked once, the send stopped', async () => {
    let asked = 0;
    const encryption = createEncryption({
      keyProvider: {
        generateDataKey: () => {
          asked++;
          return Promise.reject(new Error('KMS unreachable'));
        },
        decryptDataKey: () => Promise.reject(new Error('unused')),
      },
    });
    const { client, bodies } = setup();
    const results = await client.send([text('27999000001', 'a'), text('27999000002', 'b')], { encryption });
    expect(results.map((r) => r.outcome)).toEqual(['not-sent', 'not-sent']);
    expect(results[0]!.error).toMatchObject({
      code: 'encryption',
      problem: 'key-provider-failed',
      retryable: true,
    });
    expect(asked).toBe(1);
    expect(bodies).toHaveLength(0);
  });

  it('sendAll encrypts too', async () => {
    const { encryption, client, bodies, reader } = setup();
    async function* source() {
      yield text('27999000001', 'streamed');
    }
    const results = [];
    for await (const r of client.sendAll(source(), { encryption })) results.push(r);
    expect(results[0]!.accepted).toBe(true);
    expect(
      await reader.decryptText(bodies[0]!.messages[0]!.content as string, bodies[0]!.encryptionKey!),
    ).toBe('streamed');
  });
});

describe('client.send with encryption, One API', () => {
  it('puts encryptionKey beside the encrypted content in each message, none at the top', async () => {
    const { bodies, encryption, client, reader } = setup('one');
    const results = await client.send(
      [text('27999000001', 'Hello'), template('27999000002', 'payment_alert', ['R 150'])],
      { encryption },
    );
    expect(results.every((r) => r.accepted)).toBe(true);
    const [body] = bodies;
    expect(body!.encryptionKey).toBeUndefined();
    const [t, h] = body!.messages;
    expect(t!.channel).toBe('whatsapp');
    expect(await reader.decryptText(t!.content as string, t!.encryptionKey as string)).toBe('Hello');
    const parameters = (h!.template as { body: { parameters: Record<string, string> } }).body.parameters;
    expect(await reader.decryptText(parameters['1']!, h!.encryptionKey as string)).toBe('R 150');
  });

  it('refuses a file sent by fileId (uploaded in clear)', async () => {
    const { encryption, client } = setup('one');
    const result = await client.send(media('27999000001', { fileId: 'f-1' }, { contentType: 'image/png' }), {
      encryption,
    });
    expect(result).toMatchObject({ outcome: 'rejected', error: { code: 'invalid-message' } });
  });
});
