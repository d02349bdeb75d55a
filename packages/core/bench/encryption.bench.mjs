// Encrypting 1 MB of media with a cached data key (AES-256-GCM + SHA-256 of the clear bytes): @clickwa/core's
// Web Crypto path against node:crypto's createCipheriv + createHash, in one run. Build first. Portable: `node`,
// `bun` and `deno run -A` all run it (node:crypto from the runtimes' Node compatibility layers).
import { Buffer } from 'node:buffer';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { sha256Hex } from '../dist/bytes/sha256-hex.js';
import { AES_256_GCM } from '../dist/encryption/content-cipher.js';
import { createEncryption } from '../dist/encryption/create-encryption.js';
import { localKeyProvider } from '../dist/encryption/local-key-provider.js';
import { fmt, opsPerSecondAsync } from './measure.mjs';

const SIZE = 1_000_000;
const file = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i += 65536) crypto.getRandomValues(file.subarray(i, i + 65536));
const dataKey = randomBytes(32);

const encryption = createEncryption({ keyProvider: localKeyProvider(new Uint8Array(32).fill(1)) });
const bound = await AES_256_GCM.bind(new Uint8Array(dataKey));

function nodeEncrypt(bytes) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const sealed = Buffer.concat([iv, cipher.update(bytes), cipher.final(), cipher.getAuthTag()]);
  return [sealed, createHash('sha256').update(bytes).digest('hex')];
}

// Same answers first: node:crypto opens what the core sealed, and the hashes agree.
const sealed = await bound.encrypt(file);
const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.subarray(0, 12));
decipher.setAuthTag(sealed.subarray(sealed.length - 16));
const opened = Buffer.concat([decipher.update(sealed.subarray(12, sealed.length - 16)), decipher.final()]);
if (Buffer.compare(opened, file) !== 0) throw new Error('node:crypto does not open what the core sealed');
if ((await sha256Hex(file)) !== nodeEncrypt(file)[1]) throw new Error('the hashes disagree');
// Warm the data key cache: every measured call below uses the cached key.
await encryption.encryptMedia(file);

const runtime = globalThis.Bun
  ? `Bun ${globalThis.Bun.version}`
  : globalThis.Deno
    ? `Deno ${globalThis.Deno.version.deno}`
    : `Node ${globalThis.process?.version}`;
console.log(`${runtime}, 1 MB random media, cached data key`);

// Short rounds: the machine is shared.
const timing = { rounds: 3, ms: 250 };
const cases = [
  ['(a) core: cipher + sha256Hex (Web Crypto)', () => Promise.all([bound.encrypt(file), sha256Hex(file)])],
  ['(b) node:crypto: createCipheriv + createHash', async () => nodeEncrypt(file)],
  ['(c) core: encryptMedia (+ base64 out)', () => encryption.encryptMedia(file)],
  ['(d) node:crypto + Buffer base64', async () => nodeEncrypt(file)[0].toString('base64')],
];
const results = {};
for (const [name, fn] of cases) {
  results[name] = await opsPerSecondAsync(fn, timing);
  console.log(`${name.padEnd(48)} ${fmt(results[name])}`);
}
const [a, b, c, d] = cases.map(([name]) => results[name]);
console.log(
  `node:crypto / core, cipher + SHA-256: ${(b / a).toFixed(2)}x; with base64: ${(d / c).toFixed(2)}x`,
);
