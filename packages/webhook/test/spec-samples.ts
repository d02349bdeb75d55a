import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The spec's own samples, kept once in the core (packages/core/test/fixtures/spec).
const dir = join(import.meta.dirname, '..', '..', 'core', 'test', 'fixtures', 'spec');

/** The callback samples of spec 7.2 and 7.3, by file name, with elided base64 ("...") joined so it decodes. */
export const callbackSamples: Readonly<Record<string, Record<string, unknown>>> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => /^7\.[23]\..*\.json$/.test(f))
    .map((f) => [
      f,
      JSON.parse(readFileSync(join(dir, f), 'utf8').replace(/([A-Za-z0-9+/])\.\.\.([A-Za-z0-9+/])/g, '$1$2')),
    ]),
);

// One API's documented callback samples (packages/core/test/fixtures/one-api).
const oneApiDir = join(import.meta.dirname, '..', '..', 'core', 'test', 'fixtures', 'one-api');

/** One API's callback samples, by file name (`callback-moText.json`...). */
export const oneApiCallbackSamples: Readonly<Record<string, Record<string, unknown>>> = Object.fromEntries(
  readdirSync(oneApiDir)
    .filter((f) => /^callback-.*\.json$/.test(f))
    .map((f) => [f, JSON.parse(readFileSync(join(oneApiDir, f), 'utf8'))]),
);
