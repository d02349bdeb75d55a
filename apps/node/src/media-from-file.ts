import { readFile, stat } from 'node:fs/promises';
import {
  checkMediaSize,
  type MediaFromBytesOptions,
  type MediaMessage,
  mediaFromBytes,
  ValidationError,
} from '@clickwa/core';

/**
 * A media message from a file: a thin reader over the core's `mediaFromBytes` (the type read from the bytes
 * when not given, the API's limits). A file over the API's limit is refused before it is read. Throws the
 * core's `ValidationError` (its `issues` say why) for a file that cannot be sent, and the file system's error
 * for one that cannot be read.
 *
 * @example await client.send(await mediaFromFile('27999000001', './receipt.pdf', { caption: 'Your receipt' }));
 */
export async function mediaFromFile(
  to: string,
  path: string,
  options: MediaFromBytesOptions = {},
): Promise<MediaMessage> {
  const { size } = await stat(path);
  const tooLarge = checkMediaSize(size, options.api, options.contentType);
  if (tooLarge) throw new ValidationError([tooLarge]);
  const built = mediaFromBytes(to, new Uint8Array(await readFile(path)), options);
  if (!built.success) throw new ValidationError(built.issues);
  return built.output;
}
