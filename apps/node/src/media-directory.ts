import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobObject } from '@clickwa/webhook';

/** Blobs (inbound media, by SHA-256) in a directory: the SQLite store's `putBlob` and `getBlob`. */
export interface MediaDirectory {
  readonly dir: string;
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  get(sha256: string): Promise<BlobObject | null>;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * A content-addressed directory: `<dir>/<first two hex digits>/<sha256>`. A blob is written to a temporary file
 * under `<dir>/tmp`, flushed to disk, then renamed, so a crash never leaves half a file under a final name; a
 * name that exists is never written again (the bytes of a hash never change). Only hex SHA-256 names are used,
 * so no key reaches outside the directory.
 */
export function createMediaDirectory(dir: string): MediaDirectory {
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const pathOf = (sha256: string) => join(dir, sha256.slice(0, 2), sha256);
  const exists = (path: string) =>
    stat(path).then(
      () => true,
      () => false,
    );

  return {
    dir,
    async put(sha256, bytes) {
      if (!SHA256.test(sha256)) throw new TypeError(`Not a hex SHA-256: ${sha256.slice(0, 80)}`);
      const final = pathOf(sha256);
      if (await exists(final)) return;
      const temporary = join(dir, 'tmp', `${sha256}.${randomUUID()}`);
      const file = await open(temporary, 'wx');
      try {
        await file.writeFile(bytes);
        await file.sync();
      } finally {
        await file.close();
      }
      try {
        await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
        await rename(temporary, final);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
    async get(sha256) {
      if (!SHA256.test(sha256)) return null;
      try {
        const bytes = new Uint8Array(await readFile(pathOf(sha256)));
        return { body: bytes, size: bytes.byteLength };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}
