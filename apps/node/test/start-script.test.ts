// `pnpm start:node` (scripts/start.mjs) with each API as the default integration's: the curl it prints is run
// as printed, in a shell, and the message it sends is read back once its callbacks have come in.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickatellApi } from '@clickwa/core';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'start.mjs');
const dir = mkdtempSync(join(tmpdir(), 'clickwa-start-'));
const running: ChildProcess[] = [];
afterEach(async () => {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A port free now: the script needs both ports before it listens, the emulator's callbacks name the gateway's. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/** Starts the script; resolves with what it printed once it is ready. */
async function start(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [SCRIPT, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(await freePort()),
      EMULATOR_PORT: String(await freePort()),
      DATABASE_URL: join(dir, `${crypto.randomUUID()}.db`),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  await new Promise<void>((resolve, reject) => {
    const ready = () => output.includes('Ctrl-C stops everything') && resolve();
    child.stdout!.on('data', ready);
    child.once('exit', (code) => reject(new Error(`start.mjs exited (${code}):\n${output}`)));
  });
  return { child, output: () => output };
}

/** The printed line that starts with `prefix`, as printed (without its indent). */
const line = (printed: string, prefix: string): string => {
  const found = printed.split('\n').find((l) => l.trim().startsWith(prefix));
  if (!found) throw new Error(`No line starting with ${prefix} in:\n${printed}`);
  return found.trim();
};

const bash = (command: string): string => execFileSync('bash', ['-c', command], { encoding: 'utf8' });

/** Reads `path` of the gateway until `done` holds for its JSON; fails with the last answer after 30 s. */
async function readUntil(url: string, done: (body: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 30_000;
  let body: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    body = await (await fetch(url, { headers: { authorization: 'Bearer dev-api-token' } })).json();
    if (done(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never reached the expected state; last answer: ${JSON.stringify(body)}`);
}

// The last status of a delivered and read message, in each API's catalog (the codes differ).
const READ: Record<ClickatellApi, number> = { wa: 27, one: 6 };
const OTHER: Record<ClickatellApi, ClickatellApi> = { wa: 'one', one: 'wa' };

describe('pnpm start:node', () => {
  it.each([
    ['wa', ['--api', 'wa'], {}],
    ['one', [], { CLICKATELL_API: 'one' }],
    ['one', ['--', '--api=one'], { CLICKATELL_API: 'wa' }],
  ] as const)(
    'with %s as the default API (%j, %j): the printed curls work as printed',
    async (api, args, env) => {
      const { child, output } = await start([...args], env);
      const printed = output();
      const gateway = /gateway \(Node\)\s+(http:\/\/\S+)/.exec(printed)![1]!;
      expect(printed).toMatch(
        api === 'one'
          ? /default integration: One API \(one\)/
          : /default integration: the WhatsApp Enterprise API/,
      );

      const send = line(printed, 'ID=$(curl');
      const [first, view] = bash(send).trim().split('\n');
      const messageId = /^messageId (\w+)$/.exec(first!)![1]!;
      expect(JSON.parse(view!)).toMatchObject({ messageId, sent: { kind: 'template', outcome: 'accepted' } });
      await readUntil(
        `${gateway}/api/messages/${messageId}`,
        (b) => (b.status as { code?: number })?.code === READ[api],
      );

      // The other integration, as the printed hint says: "integration" added to the same body.
      const other = OTHER[api];
      const [, otherView] = bash(send.replace('{"messages":', `{"integration":"${other}","messages":`))
        .trim()
        .split('\n');
      const otherId = JSON.parse(otherView!).messageId as string;
      const read = await readUntil(
        `${gateway}/api/messages/${otherId}`,
        (b) => (b.status as { code?: number })?.code === READ[other],
      );
      expect(read.sent).toMatchObject({ integration: other, outcome: 'accepted' });

      bash(line(printed, 'curl -s -X POST http://127.0.0.1'));
      await readUntil(`${gateway}/api/conversations/27999000001`, (b) =>
        (b.items as { direction: string; content?: string }[]).some(
          (i) => i.direction === 'inbound' && i.content === 'Hello!',
        ),
      );

      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    },
  );

  it('refuses an API it does not know, naming where it came from', async () => {
    await expect(start(['--api', 'v1'], {})).rejects.toThrow(/--api must be "wa" .* or "one" .*, got "v1"/);
    await expect(start([], { CLICKATELL_API: 'whatsapp' })).rejects.toThrow(/CLICKATELL_API must be/);
  });
});
