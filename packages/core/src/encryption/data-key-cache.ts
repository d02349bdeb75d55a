import type { BoundCipher, ContentCipher } from './content-cipher.ts';
import { EncryptionError } from './encryption-error.ts';
import type { KeyProvider } from './key-provider.ts';

/** How long a data key is used for encrypting; see `createEncryption`. */
export interface DataKeyLifetime {
  /** Longest a data key encrypts for, in ms. Default 300,000 (5 minutes). */
  readonly maxAgeMs?: number;
  /** Most encryptions (messages) one data key serves. Default 10,000. */
  readonly maxUses?: number;
}

/** A data key in use: its blob and the cipher bound to it. The clear key is not kept. */
export interface CachedKey {
  readonly encryptionKey: string;
  readonly cipher: BoundCipher;
}

interface Entry extends CachedKey {
  readonly expiresAt: number;
  usesLeft: number;
}

// Data keys of callbacks decrypted lately: enough for a burst of replies under a few keys, bounded.
const OPENED_MAX = 64;

/**
 * Data keys held for a bounded time and number of uses, for encrypting (the current key) and decrypting
 * (keys opened lately, by blob). Clear keys are bound to the cipher and wiped at once; one request to the
 * key provider is in flight at a time for the current key, however many messages wait for it.
 */
export function createDataKeyCache(
  keyProvider: KeyProvider,
  cipher: ContentCipher,
  { maxAgeMs = 300_000, maxUses = 10_000 }: DataKeyLifetime,
  now: () => number,
) {
  let current: Entry | undefined;
  let pending: Promise<Entry> | undefined;
  const opened = new Map<string, { readonly expiresAt: number; readonly cipher: Promise<BoundCipher> }>();

  const providerFailed = (cause: unknown): never => {
    if (cause instanceof EncryptionError) throw cause;
    throw new EncryptionError('key-provider-failed', 'The key provider did not give a data key', {
      cause,
      retryable: true,
    });
  };

  async function bind(plaintext: Uint8Array): Promise<BoundCipher> {
    try {
      return await cipher.bind(plaintext);
    } finally {
      plaintext.fill(0);
    }
  }

  async function generate(): Promise<Entry> {
    const key = await keyProvider.generateDataKey().catch(providerFailed);
    return {
      encryptionKey: key.encryptionKey,
      cipher: await bind(key.plaintext),
      expiresAt: now() + maxAgeMs,
      usesLeft: maxUses,
    };
  }

  return {
    /** The current data key, one use taken; a new one when it is too old or used up. */
    async use(): Promise<CachedKey> {
      for (;;) {
        if (current && current.usesLeft > 0 && now() < current.expiresAt) {
          current.usesLeft--;
          return current;
        }
        current = undefined;
        pending ??= generate().finally(() => {
          pending = undefined;
        });
        current = await pending;
      }
    },
    /** The cipher of a received blob's data key. */
    open(encryptionKey: string): Promise<BoundCipher> {
      const at = now();
      const hit = opened.get(encryptionKey);
      if (hit && at < hit.expiresAt) return hit.cipher;
      if (current?.encryptionKey === encryptionKey) return Promise.resolve(current.cipher);
      const cipher = keyProvider.decryptDataKey(encryptionKey).catch(providerFailed).then(bind);
      // A failure is not kept: the next callback asks the provider again.
      cipher.catch(() => opened.delete(encryptionKey));
      if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
      opened.set(encryptionKey, { expiresAt: at + maxAgeMs, cipher });
      return cipher;
    },
  };
}

/** The cache `createDataKeyCache` makes. */
export type DataKeyCache = ReturnType<typeof createDataKeyCache>;
