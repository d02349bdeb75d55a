// Base64 and SHA-256 of a 1 MiB media file: @clickwa/core against Node's Buffer and node:crypto, measured in
// one run. Build first (`tsc -p tsconfig.build.json`). Portable: `node`, `bun` and `deno run -A` all run it
// (Buffer and node:crypto come from the runtimes' Node compatibility layers).
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { fromBase64, toBase64 } from '../dist/bytes/base64.js';
import { fromBase64Fallback, toBase64Fallback } from '../dist/bytes/base64-fallback.js';
import { sha256Hex } from '../dist/bytes/sha256-hex.js';
import { fmt, opsPerSecondAsync } from './measure.mjs';

const SIZE = 1 << 20;
const bytes = new Uint8Array(SIZE);
// getRandomValues fills at most 64 KiB per call.
for (let i = 0; i < SIZE; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
const text = buffer.toString('base64');

// Same answers first, so a fast wrong result cannot pass as a win.
const decoded = fromBase64(text);
if (toBase64(bytes) !== text || toBase64Fallback(bytes) !== text)
  throw new Error('toBase64 disagrees with Buffer');
if (!decoded.success || Buffer.compare(decoded.output, buffer) !== 0)
  throw new Error('fromBase64 disagrees with Buffer');
if ((await sha256Hex(bytes)) !== createHash('sha256').update(bytes).digest('hex'))
  throw new Error('sha256Hex disagrees');

const runtime = globalThis.Bun
  ? `Bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `Deno ${globalThis.Deno.version.deno}`
    : `Node ${globalThis.process?.version}`;
const native = typeof Uint8Array.prototype.toBase64 === 'function';
console.log(
  `${runtime}, 1 MiB random bytes, native Uint8Array base64: ${native ? 'yes' : 'no (fallback in use)'}`,
);

// Every case is awaited the same way so the async SHA-256 cases are not measured differently.
const cases = [
  ['toBase64', () => toBase64(bytes)],
  ['toBase64Fallback', () => toBase64Fallback(bytes)],
  ["Buffer#toString('base64')", () => buffer.toString('base64')],
  ['sha256Hex', () => sha256Hex(bytes)],
  ["createHash('sha256') hex", () => createHash('sha256').update(bytes).digest('hex')],
  ['(a) toBase64 + sha256Hex', async () => [toBase64(bytes), await sha256Hex(bytes)]],
  [
    '(b) Buffer + createHash',
    () => [buffer.toString('base64'), createHash('sha256').update(bytes).digest('hex')],
  ],
  ['fromBase64', () => fromBase64(text)],
  ['fromBase64Fallback', () => fromBase64Fallback(text)],
  ["Buffer.from(text, 'base64')", () => Buffer.from(text, 'base64')],
];

const results = new Map();
for (const [name, fn] of cases) results.set(name, await opsPerSecondAsync(fn, { rounds: 5, ms: 300 }));

const rows = [...results].map(([name, ops]) => [name, fmt(ops), `${(1000 / ops).toFixed(3)} ms`]);
const ratio = (mine, theirs) => results.get(theirs) / results.get(mine);
rows.push(
  [
    '(a) slower than (b) by',
    `${ratio('(a) toBase64 + sha256Hex', '(b) Buffer + createHash').toFixed(2)}x`,
    '',
  ],
  ['toBase64 slower than Buffer by', `${ratio('toBase64', "Buffer#toString('base64')").toFixed(2)}x`, ''],
  [
    'fromBase64 slower than Buffer by',
    `${ratio('fromBase64', "Buffer.from(text, 'base64')").toFixed(2)}x`,
    '',
  ],
);
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows)
  console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
