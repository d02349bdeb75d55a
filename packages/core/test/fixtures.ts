import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'fixtures', 'spec');

/** Every sample of the spec, by file name (e.g. '7.2.1-status-callback.json'). */
export const specSamples: Readonly<Record<string, unknown>> = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]),
);

/** One sample of the spec, parsed. */
export function sample(name: string): unknown {
  if (!(name in specSamples)) throw new Error(`No spec sample ${name}`);
  return structuredClone(specSamples[name]);
}

const oneApiDir = join(import.meta.dirname, 'fixtures', 'one-api');

/** Every One API sample, by file name (e.g. 'callback-moText.json'). */
export const oneApiSamples: Readonly<Record<string, unknown>> = Object.fromEntries(
  readdirSync(oneApiDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(join(oneApiDir, f), 'utf8'))]),
);

/** One One API sample, parsed. */
export function oneApiSample(name: string): unknown {
  if (!(name in oneApiSamples)) throw new Error(`No One API sample ${name}`);
  return structuredClone(oneApiSamples[name]);
}
