// Encryption on every runtime: round trips (fast-check, media up to 1 MB), the named failures, and the KMS
// key provider signing its requests to the emulator's KMS over HTTP, then an encrypted send. Imports only the
// core's dist, like smoke.ts.
import { createClient, media, sha256Hex, template, text } from '@clickwa/core';
import { createEncryption, kmsKeyProvider, localKeyProvider } from '@clickwa/core/encryption';
import fc from 'fast-check';

export interface EncryptionSmokeInput {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly kms: {
    readonly region: string;
    readonly keyId: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
  };
}

const problem = (error: unknown) => (error as { problem?: string }).problem ?? String(error);

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

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Runs everything and returns a JSON-able summary; a failed property comes back as its message. */
export async function encryptionSmoke({ baseUrl, apiKey, kms }: EncryptionSmokeInput) {
  const master = new Uint8Array(32).fill(5);
  const sender = createEncryption({ keyProvider: localKeyProvider(master) });
  const receiver = createEncryption({ keyProvider: localKeyProvider(master) });
  let roundTrips = 'ok';
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.array(fc.string({ minLength: 1, maxLength: 30 }), { maxLength: 5 }),
        fc.oneof(fc.integer({ min: 0, max: 4_000 }), fc.constantFrom(0, 1_000_000)),
        fc.integer(),
        async (content, values, size, seed) => {
          const t = await sender.encryptText(content);
          if ((await receiver.decryptText(t.content, t.encryptionKey)) !== content)
            throw new Error('text differs');
          const parameters = Object.fromEntries(values.map((v, i) => [String(i + 1), v]));
          const p = await sender.encryptTemplateParameters(parameters);
          for (const [n, v] of Object.entries(parameters))
            if ((await receiver.decryptText(p.parameters[n]!, p.encryptionKey)) !== v)
              throw new Error('parameter differs');
          const file = bytesOf(size, seed);
          const m = await sender.encryptMedia(file);
          if (m.sha256Hash !== (await sha256Hex(file))) throw new Error('hash differs');
          if (!same(await receiver.decryptMedia(m.content, m.encryptionKey, m.sha256Hash), file))
            throw new Error('media differs');
        },
      ),
      { numRuns: 12 },
    );
  } catch (error) {
    roundTrips = error instanceof Error ? error.message.slice(0, 500) : String(error);
  }

  const sealed = await sender.encryptText('secret');
  const other = createEncryption({ keyProvider: localKeyProvider(new Uint8Array(32).fill(6)) });
  const wrongKey = await other.decryptText(sealed.content, sealed.encryptionKey).catch(problem);
  const tampered = await receiver
    .decryptText(`AAAA${sealed.content.slice(4)}`, sealed.encryptionKey)
    .catch(problem);
  const m = await sender.encryptMedia(bytesOf(100, 1));
  const wrongHash = await receiver.decryptMedia(m.content, m.encryptionKey, '0'.repeat(64)).catch(problem);

  const provider = kmsKeyProvider({
    region: kms.region,
    keyId: kms.keyId,
    credentials: { accessKeyId: kms.accessKeyId, secretAccessKey: kms.secretAccessKey },
    endpoint: `${baseUrl}/_emulator/kms`,
  });
  const key = await provider.generateDataKey();
  const kmsRoundTrip = same(await provider.decryptDataKey(key.encryptionKey), key.plaintext);
  const client = createClient({ apiKey, baseUrl });
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const results = await client.send(
    [
      text('27999000001', 'hi'),
      template('27999000002', 'payment_alert', ['R 1', '1234']),
      media('27999000003', png),
    ],
    { encryption: createEncryption({ keyProvider: provider }) },
  );
  return {
    roundTrips,
    wrongKey,
    tampered,
    wrongHash,
    kmsRoundTrip,
    sent: results.map((r) => r.outcome),
  };
}
