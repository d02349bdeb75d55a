// Run by Node 24 (which strips the types), Bun and Deno: `<runtime> run-encryption-smoke.ts '<json input>'`;
// prints the summary as JSON.
import { encryptionSmoke } from './encryption-smoke.ts';

const runtime = globalThis as unknown as { Deno?: { args: string[] }; process?: { argv: string[] } };
const [arg] = runtime.Deno ? runtime.Deno.args : (runtime.process?.argv.slice(2) ?? []);
console.log(JSON.stringify(await encryptionSmoke(JSON.parse(arg ?? '{}'))));
