// Deno runs without a permission the CLI needs: every one stops before anything is sent, exit 2, one line
// that names the flag to add (net, env, read, write), never a run of "unknown" rows.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BINARIES } from './helpers/command-line.mjs';
import { type EmulatorProcess, startEmulator } from './helpers/emulator.ts';

const API_KEY = 'sender-permissions-key';
const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');
const ENV_FLAG = '--allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL,CLICKATELL_API';

let emulator: EmulatorProcess;
let cwd: string;
beforeAll(async () => {
  emulator = await startEmulator(API_KEY, ['--seed', 'permissions']);
  cwd = await mkdtemp(join(tmpdir(), 'clickwa-permissions-'));
  await writeFile(join(cwd, 'r.csv'), 'to,name\n+27881234567,Ann\n+27881234568,Bob\n');
});
afterAll(async () => {
  await emulator?.stop();
  await rm(cwd, { recursive: true, force: true });
});

/** Runs the CLI on Deno with exactly these permission flags; stdin is not a terminal, so Deno cannot ask. */
function deno(permissions: readonly string[], args: readonly string[]) {
  const child = spawn(BINARIES.deno, ['run', '--quiet', ...permissions, MAIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? cwd,
      DENO_NO_UPDATE_CHECK: '1',
      NO_COLOR: '1',
      CLICKATELL_API_KEY: API_KEY,
      CLICKATELL_BASE_URL: emulator.url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
}

const host = () => new URL(emulator.url).host;
const bulk = ['bulk', '--file', 'r.csv', '--text', 'Hi {{name}}'];

describe('deno without a permission', () => {
  it('deno without --allow-net: exit 2 naming the flag, nothing sent, no results file', async () => {
    for (const args of [bulk, ['send', 'text', '--to', '+27881234567', '--text', 'Hi']]) {
      const r = await deno([`--allow-read=${cwd}`, `--allow-write=${cwd}`, ENV_FLAG], args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `clickwa: Deno has no net permission for ${host()}: run deno with --allow-net=${host()}; nothing was sent\n`,
      );
      expect(r.stdout).toBe('');
    }
    expect((await emulator.stats()).messages.accepted).toBe(0);
    expect((await readdir(cwd)).sort()).toEqual(['r.csv']);
  });

  it('deno without --allow-env, --allow-read or --allow-write: exit 2 naming each flag', async () => {
    const noEnv = await deno(['--allow-net=127.0.0.1', `--allow-read=${cwd}`, `--allow-write=${cwd}`], bulk);
    expect(noEnv.code).toBe(2);
    expect(noEnv.stderr).toMatch(
      /^clickwa: Deno has no env permission for CLICKATELL_API_KEY,CLICKATELL_BASE_URL,CLICKATELL_API: run deno with --allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL,CLICKATELL_API\n$/,
    );
    const noRead = await deno(
      ['--allow-net=127.0.0.1', `--allow-write=${cwd}`, ENV_FLAG],
      [...bulk, '--dry-run'],
    );
    expect(noRead.code).toBe(2);
    expect(noRead.stderr).toBe(
      `clickwa: cannot read ${join(cwd, 'r.csv')}: Deno has no read permission for ${join(cwd, 'r.csv')}: run deno with --allow-read=${join(cwd, 'r.csv')}\n`,
    );
    const noWrite = await deno(['--allow-net=127.0.0.1', `--allow-read=${cwd}`, ENV_FLAG], bulk);
    expect(noWrite.code).toBe(2);
    expect(noWrite.stderr).toMatch(
      /^clickwa: cannot write results\.jsonl\.lock: Deno has no write permission for .*results\.jsonl\.lock: run deno with --allow-write=\S*results\.jsonl\.lock\n$/,
    );
    expect((await emulator.stats()).messages.accepted).toBe(0);
    expect((await readdir(cwd)).sort()).toEqual(['r.csv']);
  });
});
