import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@clickwa/core';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaFromFile } from '../src/media-from-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-media-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('mediaFromFile', () => {
  it('reads a file into the media() message, its type read from the bytes', async () => {
    const path = join(dir, 'receipt');
    writeFileSync(path, PNG);
    expect(await mediaFromFile('27999000001', path, { caption: 'Your receipt' })).toEqual({
      to: '27999000001',
      contentType: 'image/png',
      content: PNG.toString('base64'),
      caption: 'Your receipt',
    });
  });

  it('refuses a file over the limit (104) without reading it, and passes on a missing file', async () => {
    const path = join(dir, 'video.mp4');
    writeFileSync(path, '');
    truncateSync(path, 3_000_000); // sparse: nothing to read
    const refused = await mediaFromFile('27999000001', path).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).issues).toMatchObject([{ code: 104 }]);
    expect(
      (await mediaFromFile('27999000001', path, { api: 'one', contentType: 'video/mp4' })).contentType,
    ).toBe('video/mp4');
    await expect(mediaFromFile('27999000001', join(dir, 'missing.pdf'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
