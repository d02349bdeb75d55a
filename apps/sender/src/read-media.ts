import { readFile, stat } from 'node:fs/promises';
import { checkMediaSize } from '@clickwa/core';
import { inCliWords } from './cli-words.ts';
import { badInput } from './exit-codes.ts';
import { describeFsError } from './fs-error.ts';

/**
 * Reads a media file for `send media`. A file over the platform's 1 MB limit (the core's `checkMediaSize`) is
 * refused (104) before it is read, so a wrong path to a video does not fill memory; an unreadable file is one
 * line. The message is built with the core's `mediaFromBytes`, which checks the same rule.
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
  const tooLarge = checkMediaSize(size);
  if (tooLarge) throw badInput(`${path}: ${inCliWords(tooLarge.message)}`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw badInput(`cannot read ${path}: ${describeFsError(error)}`, error);
  }
}
