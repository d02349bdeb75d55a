import { readFile, stat } from 'node:fs/promises';
import { LIMITS } from '@clickwa/core';
import { badInput } from './exit-codes.ts';
import { describeFsError } from './fs-error.ts';

/**
 * Reads a media file for `send media`. A file over the platform's 1 MB limit is refused (104) before it is
 * read, so a wrong path to a video does not fill memory; an unreadable file is one line.
 */
export async function readMedia(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    size = info.size;
  } catch (error) {
    throw badInput(`cannot read ${path}: ${describeFsError(error)}`, error);
  }
  if (size > LIMITS.maxMediaBytes) {
    throw badInput(`${path} is ${size} bytes; WhatsApp media may be at most ${LIMITS.maxMediaBytes} (104)`);
  }
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw badInput(`cannot read ${path}: ${describeFsError(error)}`, error);
  }
}
