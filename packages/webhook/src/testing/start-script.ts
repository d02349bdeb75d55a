import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { ClickatellApi } from '@clickwa/core';

/** A local stack's start script (`pnpm start`, `pnpm start:node`) running in a child process. */
export interface StartedScript {
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  readonly output: () => string;
  /** Sends SIGINT (Ctrl-C) and answers the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL to its whole process group (wrangler and workerd too), for a test's clean-up; harmless once done. */
  kill(): Promise<void>;
}

/** A port free now: a start script needs both of its ports before it listens (callbacks name the gateway's). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });

/**
 * Starts `node <script> ...args` with `env` (and PATH) on free ports `PORT` and `EMULATOR_PORT`; resolves once it
 * printed `ready`, rejects with its output when it exits first.
 */
export async function startScript(
  script: string,
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  ready = 'Ctrl-C stops everything',
): Promise<StartedScript> {
  const child = spawn(process.execPath, [script, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(await freePort()),
      EMULATOR_PORT: String(await freePort()),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a clean-up reaches what it started (wrangler, workerd), not only the script.
    detached: true,
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stderr!.on('data', (c: Buffer) => (output += c));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      output += c;
      if (output.includes(ready)) resolve();
    });
    void exited.then((code) =>
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      return exited;
    },
    kill: async () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is gone already
      }
      await exited;
    },
  };
}

/** The printed line that starts with `prefix` (indent trimmed). */
export function printedLine(printed: string, prefix: string): string {
  const found = printed.split('\n').find((l) => l.trim().startsWith(prefix));
  if (found === undefined) throw new Error(`No line starting with "${prefix}" in:\n${printed}`);
  return found.trim();
}

/** Runs a printed command line in bash, as a user pasting it would; answers its stdout. */
export const runInBash = (command: string): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile('bash', ['-c', command], { encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout),
    ),
  );

/** Reads `url` (bearer `token`) until `done` holds for its JSON; after `timeoutMs` fails with the last answer. */
export async function readUntil(
  url: string,
  token: string,
  done: (body: Record<string, unknown>) => boolean,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let body: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    body = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).json();
    if (done(body)) return body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never reached the expected state; last answer: ${JSON.stringify(body)}`);
}

/** What `tryPrintedCurls` saw: each message as the gateway shows it once read, and the conversation. */
export interface PrintedCurlsRun {
  /** The printed send's output: `messageId <id>` and the message as first read back. */
  readonly printed: { readonly messageId: string; readonly view: Record<string, unknown> };
  /** The default integration's message, once its status is its API's READ. */
  readonly read: Record<string, unknown>;
  /** The same send with `"integration": <the other>` added, as the printed hint says, once read. */
  readonly otherRead: Record<string, unknown>;
  /** The conversation once the user's message (the printed inbound curl) is in it. */
  readonly conversation: Record<string, unknown>;
}

// The status a delivered and read message ends in, in each API's catalog (the codes differ).
const READ: Readonly<Record<ClickatellApi, number>> = { wa: 27, one: 6 };
const OTHER: Readonly<Record<ClickatellApi, ClickatellApi>> = { wa: 'one', one: 'wa' };
const statusCode = (view: Record<string, unknown>) => (view.status as { code?: number } | null)?.code;

/**
 * Runs what a start script printed, as printed: the template send and read-back, the same send through the other
 * integration, and the user's message; then waits until each message is read and the user's message is stored.
 */
export async function tryPrintedCurls(printed: string, api: ClickatellApi): Promise<PrintedCurlsRun> {
  const gateway = /^\s*gateway \([^)]*\)\s+(http:\/\/\S+)\s+API token: (\S+)/m.exec(printed);
  if (!gateway) throw new Error(`No gateway line in:\n${printed}`);
  const [, url, token] = gateway as unknown as [string, string, string];
  const send = printedLine(printed, 'ID=$(curl');
  const [first = '', view = '{}'] = (await runInBash(send)).trim().split('\n');
  const messageId = /^messageId (\w+)$/.exec(first)?.[1];
  if (!messageId) throw new Error(`The printed send answered no messageId: ${first}`);
  const read = await readUntil(`${url}/api/messages/${messageId}`, token, (b) => statusCode(b) === READ[api]);
  const other = OTHER[api];
  const [, otherView = '{}'] = (
    await runInBash(send.replace('{"messages":', `{"integration":"${other}","messages":`))
  )
    .trim()
    .split('\n');
  const otherId = (JSON.parse(otherView) as { messageId: string }).messageId;
  const otherRead = await readUntil(
    `${url}/api/messages/${otherId}`,
    token,
    (b) => statusCode(b) === READ[other],
  );
  // The emulator's answer (the user's messageId) comes first, the conversation right after it.
  const wrote = await runInBash(printedLine(printed, 'curl -s -X POST'));
  const inboundId = /^\{"messageId":"(\w+)"/.exec(wrote)?.[1];
  if (!inboundId) throw new Error(`The printed user message answered no messageId: ${wrote}`);
  const conversation = await readUntil(`${url}/api/conversations/27999000001`, token, (b) =>
    ((b.items ?? []) as { messageId?: string }[]).some((i) => i.messageId === inboundId),
  );
  return { printed: { messageId, view: JSON.parse(view) }, read, otherRead, conversation };
}
