#!/usr/bin/env node
// The `clickwa` bin. The same file runs on Node (built: dist/main.js), Bun (`bun src/main.ts`) and Deno
// (`deno run --allow-net --allow-read --allow-write --allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL src/main.ts`):
// only node:fs/promises, node:util, node:path, node:process and fetch are used, which all three provide.
import process from 'node:process';
import { runCli } from './cli.ts';

const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
  ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  env: (name) => process.env[name],
  onInterrupt(handler) {
    process.on('SIGINT', handler);
    return () => void process.off('SIGINT', handler);
  },
  now: () => performance.now(),
});
process.exitCode = exitCode;
