import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes/base64.ts';
import { blobKeyId, importMasterKey, openDataKey, sealDataKey } from './kms-blob.ts';

describe('the KMS-shaped blob', () => {
  it('starts as a KMS ciphertext blob does and names its key id', async () => {
    const master = await importMasterKey(new Uint8Array(32).fill(9));
    const dataKey = crypto.getRandomValues(new Uint8Array(32));
    const blob = await sealDataKey(master, 'alias/clickwa', dataKey);
    expect(toBase64(blob).startsWith('AQIDAH')).toBe(true);
    expect(blobKeyId(blob)).toBe('alias/clickwa');
    expect(await openDataKey(master, blob)).toEqual(dataKey);
  });

  it('a blob moved to another key id does not open', async () => {
    const master = await importMasterKey(new Uint8Array(32).fill(9));
    const blob = await sealDataKey(master, 'key-a', new Uint8Array(32));
    blob[10] = 'b'.charCodeAt(0);
    expect(blobKeyId(blob)).toBe('key-b');
    await expect(openDataKey(master, blob)).rejects.toMatchObject({ problem: 'key-not-decryptable' });
    await expect(openDataKey(master, new Uint8Array([1, 2, 3]))).rejects.toMatchObject({
      problem: 'malformed',
    });
  });
});
