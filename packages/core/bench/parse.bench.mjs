// parseCallback on the spec's status sample, against a hand-written validator of the same shape and against
// zod 4 (default and jitless, which is what Workers allow), measured in one run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { parseCallback, parseCallbackBody } from '../dist/index.js';
import { fmt, opsPerSecond } from './measure.mjs';

const sample = JSON.parse(
  readFileSync(join(import.meta.dirname, '../test/fixtures/spec/7.2.1-status-callback.json'), 'utf8'),
);
const oneApiSample = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '../test/fixtures/one-api/callback-status-messageStatusUpdate.json'),
    'utf8',
  ),
);

// The same output shape parseCallback gives for a status: trimmed ids, numeric strings read, ms timestamps.
const num = (x) =>
  typeof x === 'number' ? x : typeof x === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(x) ? Number(x) : NaN;
const text = (x) => (x == null ? null : typeof x === 'string' ? x.trim() || null : undefined);
function handWritten(json) {
  if (typeof json !== 'object' || json === null) return { success: false };
  const statusCode = num(json.statusCode);
  const timestamp = num(json.timestamp);
  const messageId = text(json.messageId);
  const integrationId = text(json.integrationId);
  const integrationName = text(json.integrationName);
  const clientMessageId = text(json.clientMessageId);
  const status = text(json.status);
  if (!Number.isInteger(statusCode) || !Number.isFinite(timestamp) || !messageId) return { success: false };
  if (
    integrationId === undefined ||
    integrationName === undefined ||
    clientMessageId === undefined ||
    status === undefined
  ) {
    return { success: false };
  }
  return {
    success: true,
    output: {
      kind: 'status',
      integrationId,
      integrationName,
      messageId,
      clientMessageId,
      statusCode,
      status,
      timestamp: timestamp < 1e11 ? timestamp * 1000 : timestamp,
    },
  };
}

function zodSchema() {
  const numeric = z.union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^[+-]?\d+(\.\d+)?$/)
      .transform(Number),
  ]);
  const optText = z.string().trim().nullish();
  return z
    .object({
      integrationId: optText,
      integrationName: optText,
      timestamp: numeric,
      statusCode: numeric.pipe(z.number().int()),
      status: optText,
      messageId: z.string().trim().min(1),
      clientMessageId: optText,
    })
    .transform((s) => ({
      kind: 'status',
      ...s,
      timestamp: s.timestamp < 1e11 ? s.timestamp * 1000 : s.timestamp,
    }));
}

const zodJit = zodSchema();
const valibot = opsPerSecond(() => parseCallback(sample));
const hand = opsPerSecond(() => handWritten(sample));
const zod = opsPerSecond(() => zodJit.safeParse(sample));
z.config({ jitless: true });
const zodJitless = zodSchema();
const zodNoJit = opsPerSecond(() => zodJitless.safeParse(sample));

if (!parseCallback(sample).success || !handWritten(sample).success || !zodJitless.safeParse(sample).success) {
  throw new Error('a validator rejected the spec sample');
}

console.log(`parseCallback (status sample), ${process.version}`);
console.log(
  `  clickwa parseCallback (valibot): ${fmt(valibot)}${valibot >= 1e6 ? '' : '  BELOW the 1 M/s target'}`,
);
console.log(
  `  hand-written, same shape:        ${fmt(hand)}  (parseCallback = ${(valibot / hand).toFixed(3)}x of it)`,
);
console.log(
  `  zod 4:                           ${fmt(zod)}  (parseCallback = ${(valibot / zod).toFixed(2)}x of it)`,
);
console.log(
  `  zod 4 jitless (Workers):         ${fmt(zodNoJit)}  (parseCallback = ${(valibot / zodNoJit).toFixed(2)}x of it)`,
);

// parseCallbackBody on One API's status callback (the envelope, one messageStatusUpdate), and on the legacy
// sample, where it adds its format check and the `{ api, events }` wrapper to parseCallback.
const oneApi = opsPerSecond(() => parseCallbackBody(oneApiSample));
const bodyLegacy = opsPerSecond(() => parseCallbackBody(sample));
if (!parseCallbackBody(oneApiSample).success)
  throw new Error('parseCallbackBody rejected the One API sample');
console.log(`parseCallbackBody, ${process.version}`);
console.log(
  `  One API status callback:         ${fmt(oneApi)}${oneApi >= 1e6 ? '' : '  BELOW the 1 M/s target'}`,
);
console.log(`  legacy status sample:            ${fmt(bodyLegacy)}  (parseCallback alone: ${fmt(valibot)})`);
