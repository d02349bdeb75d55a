#!/usr/bin/env node
// The `clickwa` bin. The same file runs on Node (built: dist/main.js), Bun (`bun src/main.ts`) and Deno
// (`deno run --allow-net --allow-read --allow-write --allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL,CLICKATELL_API src/main.ts`):
// only node:fs/promises, node:util, node:path, node:process and fetch are used, which all three provide.
import process from 'node:process';
import { runCli } from './cli.ts';
import { permissionState } from './deno-permissions.ts';

// A closed stdout (`clickwa --help | head -1`) ends the CLI quietly, as a Unix tool does, not with an
// unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Run from a package script (`pnpm sender ...`), the process starts in the script's directory; paths on the
// command line are the user's, relative to where they typed it, which pnpm and npm pass as INIT_CWD. Deno is
// never run that way, and is not asked for a variable it was not granted.
if (permissionState({ name: 'env', variable: 'INIT_CWD' }) === 'granted') {
  const initCwd = process.env.INIT_CWD;
  if (initCwd && initCwd !== process.cwd()) process.chdir(initCwd);
}

const exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  errIsTty: process.stderr.isTTY === true,
  inIsTty: process.stdin.isTTY === true,
  ...(process.stderr.columns ? { columns: process.stderr.columns } : {}),
  env: (name) => process.env[name],
  onInterrupt(handler) {
    process.on('SIGINT', handler);
    return () => void process.off('SIGINT', handler);
  },
  now: () => performance.now(),
  wallClock: () => Date.now(),
});
process.exitCode = exitCode;
