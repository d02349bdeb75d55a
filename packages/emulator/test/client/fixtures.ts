import { text } from '@clickwa/core';

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
