// Run by Deno without net permission: `deno run --no-prompt no-net.ts <baseUrl>`; prints the outcomes as JSON.
import { createClient, text } from '@clickwa/core';

const [baseUrl] = (globalThis as unknown as { Deno: { args: string[] } }).Deno.args;
const client = createClient({ apiKey: 'runtime-smoke-key-0123456789', baseUrl, concurrency: 1 });
const results = await client.send(
  Array.from({ length: 201 }, (_, i) => text(`2799904${String(i).padStart(4, '0')}`, `no net ${i}`)),
);
const seen = new Set(
  results.map(
    (r) => `${r.outcome} ${r.error?.name} ${(r.error as { phase?: string }).phase} ${r.error?.retryable}`,
  ),
);
console.log(
  JSON.stringify({ count: results.length, seen: [...seen], description: results[0]!.error?.description }),
);
