// Run by Node 24 (which strips the types), Bun and Deno: `<runtime> run-smoke.ts '<json SmokeInput>'`;
// prints the summary as JSON.
import { smoke } from './smoke.ts';

const runtime = globalThis as unknown as { Deno?: { args: string[] }; process?: { argv: string[] } };
const [arg] = runtime.Deno ? runtime.Deno.args : (runtime.process?.argv.slice(2) ?? []);
console.log(JSON.stringify(await smoke(JSON.parse(arg ?? '{}'))));
