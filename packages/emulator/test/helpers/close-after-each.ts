import { afterEach } from 'vitest';

/** Something a test opens: an emulator, a receiver. */
interface Closable {
  close(): unknown;
}

/**
 * Registers an `afterEach` that closes, newest first, everything the returned function was given during the
 * test, so a test that fails halfway leaves no server or timer behind.
 *
 * @example
 * const track = closeAfterEach();
 * it('...', async () => { const receiver = track(await startReceiver()); ... });
 */
export function closeAfterEach(): <T extends Closable>(resource: T) => T {
  const open: Closable[] = [];
  afterEach(async () => {
    for (let resource = open.pop(); resource; resource = open.pop()) await resource.close();
  });
  return (resource) => {
    open.push(resource);
    return resource;
  };
}
