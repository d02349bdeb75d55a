import { type ClientOptions, createClient, text } from '@clickwa/core';
import type { TestPlatform } from '../helpers/platform.ts';
import { type TapOptions, tapFetch } from '../helpers/tap-fetch.ts';

/** The key the client tests' emulators accept. */
export const API_KEY = 'test-api-key-0123456789abcdef';

/** A PNG signature and the start of its header: enough for the client to sniff `image/png`. */
export const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82,
]);

/** The i-th plain test number (27999000000 + i): no magic prefix, so the emulator simply delivers. */
export const number = (i: number): string => `2799900${String(i).padStart(4, '0')}`;

/** `n` text messages to consecutive plain numbers. */
export const texts = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => text(number(from + i), `Hello ${from + i}`));

/** A client of `platform` whose requests go through a tap with `tap` options, and fast retry timing. */
export function tappedClient(
  platform: TestPlatform,
  tap: TapOptions = {},
  options: Partial<ClientOptions> = {},
) {
  const wire = tapFetch(platform.fetch, tap);
  const client = createClient({
    apiKey: API_KEY,
    baseUrl: platform.baseUrl,
    fetch: wire.fetch,
    retry: { baseMs: 5, maxMs: 20 },
    ...options,
  });
  return { wire, client };
}
