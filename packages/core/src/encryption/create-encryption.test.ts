import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../bytes/sha256-hex.ts';
import { createEncryption } from './create-encryption.ts';
import { EncryptionError } from './encryption-error.ts';
import type { KeyProvider } from './key-provider.ts';
import { localKeyProvider } from './local-key-provider.ts';

const master = (fill: number) => new Uint8Array(32).fill(fill);

// Deterministic bytes of any size, so a 1 MB case costs no shrinking of a 1 MB array.
function bytesOf(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const flipByte = (base64: string, at: number) => {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  bytes[at % bytes.length]! ^= 0x01;
  return btoa(String.fromCharCode(...bytes));
};

/** A key provider that counts its calls. */
function counting(provider: KeyProvider) {
  const calls = { generate: 0, decrypt: 0 };
  const counted: KeyProvider = {
    generateDataKey: () => {
      calls.generate++;
      return provider.generateDataKey();
    },
    decryptDataKey: (blob) => {
      calls.decrypt++;
      return provider.decryptDataKey(blob);
    },
  };
  return { counted, calls };
}

describe('createEncryption round trips', () => {
  const encryption = createEncryption({ keyProvider: localKeyProvider(master(7)) });
  // A receiver with only the key provider: no data key shared with the sender but through the blob.
  const receiver = createEncryption({ keyProvider: localKeyProvider(master(7)) });

  it('text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (text) => {
        const sealed = await encryption.encryptText(text);
        expect(sealed.encryptionKey.startsWith('AQIDAH')).toBe(true);
        if (text.length > 0) expect(sealed.content).not.toContain(btoa(unescape(encodeURIComponent(text))));
        expect(await receiver.decryptText(sealed.content, sealed.encryptionKey)).toBe(text);
      }),
      { numRuns: 60 },
    );
  });

  it('template parameter values, keys kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 8 }),
        async (values) => {
          const parameters = Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
          const sealed = await encryption.encryptTemplateParameters(parameters);
          expect(Object.keys(sealed.parameters)).toEqual(Object.keys(parameters));
          for (const [n, value] of Object.entries(parameters)) {
            expect(sealed.parameters[n]).not.toBe(value);
            expect(await receiver.decryptText(sealed.parameters[n]!, sealed.encryptionKey)).toBe(value);
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('media from 0 to 1 MB, with the hash of the clear bytes and the caption', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.constantFrom(0, 1, 999_999, 1_000_000)),
        fc.integer(),
        fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
        async (size, seed, caption) => {
          const file = bytesOf(size, seed);
          const sealed = await encryption.encryptMedia(file, caption === undefined ? {} : { caption });
          expect(sealed.sha256Hash).toBe(await sha256Hex(file));
          const clear = await receiver.decryptMedia(sealed.content, sealed.encryptionKey, sealed.sha256Hash);
          // A loop, not toEqual: a deep comparison of 1 MB takes seconds.
          expect(clear.length).toBe(file.length);
          expect(clear.every((b, i) => b === file[i])).toBe(true);
          if (caption !== undefined) {
            expect(await receiver.decryptText(sealed.caption!, sealed.encryptionKey)).toBe(caption);
          } else expect(sealed.caption).toBeUndefined();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('decryptCallback: a text and a media callback come back clear, encryptionKey null', async () => {
    const text = await encryption.encryptText('Balance: R 1,024.00');
    const body = { messageId: 'm1', from: '27999000001', timestamp: 1, ...text };
    expect(await receiver.decryptCallback(body)).toEqual({
      ...body,
      content: 'Balance: R 1,024.00',
      encryptionKey: null,
    });

    const file = bytesOf(5_000, 3);
    const media = await encryption.encryptMedia(file, { caption: 'statement' });
    const mediaBody = { messageId: 'm2', contentType: 'application/pdf', ...media };
    const clear = await receiver.decryptCallback(mediaBody);
    expect(clear.caption).toBe('statement');
    expect(Uint8Array.from(atob(clear.content), (c) => c.charCodeAt(0))).toEqual(file);

    const plain = { messageId: 'm3', content: 'hi' };
    expect(await receiver.decryptCallback(plain)).toBe(plain);
  });
});

describe('failures name the problem', () => {
  const sender = createEncryption({ keyProvider: localKeyProvider(master(1)) });

  it('a wrong key: key-not-decryptable, on encryptionKey', async () => {
    const sealed = await sender.encryptText('secret');
    const other = createEncryption({ keyProvider: localKeyProvider(master(2)) });
    const error = await other.decryptText(sealed.content, sealed.encryptionKey).catch((e) => e);
    expect(error).toBeInstanceOf(EncryptionError);
    expect(error).toMatchObject({
      code: 'encryption',
      problem: 'key-not-decryptable',
      field: 'encryptionKey',
    });
  });

  it('a tampered ciphertext: content-not-decryptable, on content or caption', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (at) => {
        const sealed = await sender.encryptText('pay R 100 to account 12345');
        const error = await sender
          .decryptText(flipByte(sealed.content, at), sealed.encryptionKey)
          .catch((e) => e);
        expect(error).toMatchObject({ problem: 'content-not-decryptable', field: 'content' });
      }),
      { numRuns: 20 },
    );
    const media = await sender.encryptMedia(bytesOf(100, 1), { caption: 'c' });
    const error = await sender
      .decryptCallback({ contentType: 'image/png', ...media, caption: flipByte(media.caption!, 20) })
      .catch((e) => e);
    expect(error).toMatchObject({ problem: 'content-not-decryptable', field: 'caption' });
  });

  it('a tampered blob: key-not-decryptable', async () => {
    const sealed = await sender.encryptText('x');
    const receiver = createEncryption({ keyProvider: localKeyProvider(master(1)) });
    const error = await receiver
      .decryptText(sealed.content, flipByte(sealed.encryptionKey, 40))
      .catch((e) => e);
    expect(error).toMatchObject({ problem: 'key-not-decryptable' });
  });

  it('a tampered hash: hash-mismatch, on sha256Hash', async () => {
    const media = await sender.encryptMedia(bytesOf(2_000, 9));
    const wrong = (media.sha256Hash[0] === '0' ? '1' : '0') + media.sha256Hash.slice(1);
    const error = await sender.decryptMedia(media.content, media.encryptionKey, wrong).catch((e) => e);
    expect(error).toBeInstanceOf(EncryptionError);
    expect(error).toMatchObject({ problem: 'hash-mismatch', field: 'sha256Hash' });
    const missing = await sender
      .decryptCallback({
        contentType: 'image/png',
        content: media.content,
        encryptionKey: media.encryptionKey,
      })
      .catch((e) => e);
    expect(missing).toMatchObject({ problem: 'malformed', field: 'sha256Hash' });
  });

  it('a key provider that fails: key-provider-failed, retryable', async () => {
    const broken = createEncryption({
      keyProvider: {
        generateDataKey: () => Promise.reject(new Error('offline')),
        decryptDataKey: () => Promise.reject(new Error('offline')),
      },
    });
    await expect(broken.encryptText('x')).rejects.toMatchObject({
      problem: 'key-provider-failed',
      retryable: true,
    });
  });
});

describe('data keys', () => {
  it('are reused, then replaced after maxUses and after maxAgeMs', async () => {
    let now = 0;
    const { counted, calls } = counting(localKeyProvider(master(4)));
    const encryption = createEncryption({
      keyProvider: counted,
      dataKey: { maxUses: 3, maxAgeMs: 1_000 },
      now: () => now,
    });
    const keys = [];
    for (let i = 0; i < 4; i++) keys.push((await encryption.encryptText(String(i))).encryptionKey);
    expect(new Set(keys.slice(0, 3)).size).toBe(1);
    expect(keys[3]).not.toBe(keys[0]);
    expect(calls.generate).toBe(2);
    now = 999;
    expect((await encryption.encryptText('x')).encryptionKey).toBe(keys[3]);
    now = 1_000;
    expect((await encryption.encryptText('x')).encryptionKey).not.toBe(keys[3]);
    expect(calls.generate).toBe(3);
  });

  it('one request to the provider for many messages waiting at once', async () => {
    const { counted, calls } = counting(localKeyProvider(master(4)));
    const encryption = createEncryption({ keyProvider: counted });
    const sealed = await Promise.all(Array.from({ length: 50 }, (_, i) => encryption.encryptText(String(i))));
    expect(new Set(sealed.map((s) => s.encryptionKey)).size).toBe(1);
    expect(calls.generate).toBe(1);
  });

  it('a received blob is opened once while cached', async () => {
    const sender = createEncryption({ keyProvider: localKeyProvider(master(5)) });
    const { counted, calls } = counting(localKeyProvider(master(5)));
    const receiver = createEncryption({ keyProvider: counted });
    for (let i = 0; i < 5; i++) {
      const sealed = await sender.encryptText(`n${i}`);
      expect(await receiver.decryptText(sealed.content, sealed.encryptionKey)).toBe(`n${i}`);
    }
    expect(calls.decrypt).toBe(1);
  });

  it('never show in JSON, strings or errors', async () => {
    const key = master(6);
    const provider = localKeyProvider(key);
    const plaintexts: Uint8Array[] = [];
    const spy: KeyProvider = {
      generateDataKey: async () => {
        const k = await provider.generateDataKey();
        plaintexts.push(new Uint8Array(k.plaintext));
        return k;
      },
      decryptDataKey: provider.decryptDataKey,
    };
    const encryption = createEncryption({ keyProvider: spy });
    await encryption.encryptText('hello');
    const shown = [
      JSON.stringify(encryption),
      String(encryption),
      JSON.stringify(Object.entries(encryption)),
    ];
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
    for (const text of shown) {
      expect(text).not.toContain(b64(plaintexts[0]!));
      expect(text).not.toContain(b64(key));
    }
    expect(() => localKeyProvider('c2hvcnQ=')).toThrow(EncryptionError);
    try {
      localKeyProvider('c2hvcnQ=');
    } catch (e) {
      expect(JSON.stringify(e)).not.toContain('c2hvcnQ');
      expect(String(e)).not.toContain('c2hvcnQ');
    }
  });
});
