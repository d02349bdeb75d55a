// Every command, on every runtime (Node 20 and 24 run dist, Bun and Deno the TypeScript source), against
// the emulator's Node runner on loopback.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIMES, type RunResult, runClickwa, spawnClickwa } from './helpers/clickwa.ts';
import { type EmulatorProcess, startEmulator } from './helpers/emulator.ts';
import { readResults, writeRecipients } from './helpers/files.ts';

const API_KEY = 'sender-commands-key';
const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const ACCEPTED = /^accepted\s+27821234567 messageId=[0-9a-f]{32} clientMessageId=[0-9a-f]{32}$/;

/** One clear line on stderr and no stack trace. */
function expectOneLineError(r: RunResult, code: number, text: RegExp) {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(text);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe.each(RUNTIMES)('clickwa on %s', (runtime) => {
  let emulator: EmulatorProcess;
  let cwd: string;
  let env: Record<string, string>;
  const run = (args: string[], extraEnv: Record<string, string> = {}) =>
    runClickwa(runtime, args, { cwd, env: { ...env, ...extraEnv } });

  beforeAll(async () => {
    emulator = await startEmulator(API_KEY, ['--seed', runtime]);
    cwd = await mkdtemp(join(tmpdir(), `clickwa-${runtime}-`));
    env = { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url };
    await writeFile(join(cwd, 'receipt.png'), PNG);
  });
  afterAll(async () => {
    await emulator?.stop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('send text: prints the messageId and exits 0', async () => {
    const r = await run([
      'send',
      'text',
      '--to',
      '+27 82 123 4567',
      '--text',
      'Hello from clickwa',
      '--preview-url',
    ]);
    // A warning that does not stop the send is said in the CLI's words, and the message goes.
    expect(r.stderr).toBe(
      'warning: text: --preview-url is set but the text has no http:// or https:// URL to preview\n',
    );
    expect(r.stdout.trim()).toMatch(ACCEPTED);
    expect(r.code).toBe(0);
  });

  it('send template: accepted with the right parameters, rejected with the code otherwise', async () => {
    const ok = await run([
      'send',
      'template',
      '--to',
      '+27821234567',
      '--template',
      'payment_alert',
      '--param',
      '1=$150',
      '--param',
      '2=1234',
    ]);
    expect(ok.stdout.trim()).toMatch(ACCEPTED);
    expect(ok.code).toBe(0);
    const wrong = await run([
      'send',
      'template',
      '--to',
      '+27821234567',
      '--template',
      'payment_alert',
      '--param',
      '1=$150',
    ]);
    expect(wrong.stdout).toMatch(/^rejected\s+27821234567 106 /);
    expect(wrong.code).toBe(1);
  });

  it('send media: reads the file, sniffs its type, prints JSON with --json', async () => {
    const r = await run([
      'send',
      'media',
      '--to',
      '+27821234567',
      '--file',
      'receipt.png',
      '--caption',
      'Your receipt',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      outcome: 'accepted',
      accepted: true,
      to: '27821234567',
      messageId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('fails in one line, exit 2, for a missing key, an invalid number, an unreadable file, bad usage', async () => {
    expectOneLineError(
      await run(['send', 'text', '--to', '+27821234567', '--text', 'x'], { CLICKATELL_API_KEY: '' }),
      2,
      /^clickwa: CLICKATELL_API_KEY is not set/,
    );
    expectOneLineError(
      await run(['send', 'text', '--to', '0821234567', '--text', 'x']),
      2,
      /^clickwa: invalid --to "0821234567": 150 /,
    );
    expectOneLineError(
      await run(['send', 'media', '--to', '+27821234567', '--file', 'missing.pdf']),
      2,
      /^clickwa: cannot read missing\.pdf: no such file/,
    );
    expectOneLineError(await run(['send', 'txt']), 2, /^clickwa: "send" needs a kind/);
    const badKey = await run(['send', 'text', '--to', '+27821234567', '--text', 'x'], {
      CLICKATELL_API_KEY: 'wrong',
    });
    expect(badKey.stdout).toMatch(/^rejected\s+27821234567 1 Invalid or missing Integration API Key/);
    expect(badKey.code).toBe(1);
  });

  it('bulk: validates, sends every row once, records results; a resume sends nothing again', async () => {
    await writeRecipients(join(cwd, 'campaign.csv'), 450, '2783');
    const args = [
      'bulk',
      '--file',
      'campaign.csv',
      '--template',
      'payment_alert',
      '--param-column',
      'amount',
      '--param-column',
      'ref',
    ];
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^450 rows: accepted 450, rejected 0, unknown 0, not sent 0$/m);
    expect(r.stderr).toMatch(/^progress 450\/450 100%/m);
    const { final } = await readResults(join(cwd, 'results.jsonl'));
    expect(final.size).toBe(450);
    expect(
      [...final.values()].every((x) => x.outcome === 'accepted' && /^[0-9a-f]{32}$/.test(x.messageId ?? '')),
    ).toBe(true);
    const again = await run(['bulk', '--resume', 'results.jsonl']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/this run: 0 of 0 rows to send settled/);
    const stats = await emulator.stats();
    for (const row of final.values()) expect(stats.acceptedByClientMessageId[row.clientMessageId]).toBe(1);
    expect(stats.repeatedClientMessageIds).toEqual([]);
    // A second run into the same results file is refused.
    expectOneLineError(await run(args), 2, /results\.jsonl already exists/);
  });

  it('bulk --dry-run lists every bad row with its line and code, and sends nothing', async () => {
    await writeFile(
      join(cwd, 'bad.csv'),
      'to,name\n+27821234567,Ann\n0821234567,Bob\n"+27 82 123 4568","Carol, Jr"\n+1,Dan\nnot-a-number,Eve\n,Fay\n',
    );
    const before = (await emulator.stats()).messages.accepted;
    const r = await run(['bulk', '--file', 'bad.csv', '--text', 'Hi {{name}}', '--dry-run'], {
      CLICKATELL_API_KEY: '',
    });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^line 3: 150 /),
      expect.stringMatching(/^line 5: 152 /),
      expect.stringMatching(/^line 6: 158 /),
      'line 7: no value for column "to"',
      '6 rows checked: 4 invalid',
    ]);
    expect((await emulator.stats()).messages.accepted).toBe(before);
    const refused = await run([
      'bulk',
      '--file',
      'bad.csv',
      '--text',
      'Hi {{name}}',
      '--results',
      'bad.jsonl',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/4 of 6 rows are invalid \(listed above\); nothing was sent/);
  });

  it('bulk JSONL with --skip-invalid: records invalid rows rejected with their code, sends the rest, exits 1', async () => {
    await writeFile(
      join(cwd, 'people.jsonl'),
      `${[
        JSON.stringify({ to: '+27841234567', content: 'plain text' }),
        JSON.stringify({
          to: '+27841234568',
          hsm: { template: 'payment_alert', parameters: { 1: '$1', 2: '9' } },
        }),
        JSON.stringify({ to: '+27841234569', content: '' }),
        '{oops',
      ].join('\n')}\n`,
    );
    const r = await run([
      'bulk',
      '--file',
      'people.jsonl',
      '--skip-invalid',
      '--results',
      'people.results.jsonl',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({
      rows: 4,
      accepted: 2,
      rejected: 2,
      unknown: 0,
      notSent: 0,
    });
    const { final } = await readResults(join(cwd, 'people.results.jsonl'));
    expect(final.get(3)).toMatchObject({ outcome: 'rejected', error: { code: 100 } });
    expect(final.get(4)).toMatchObject({ outcome: 'rejected', error: { code: 'invalid-row' } });
  });

  it('bulk: Ctrl-C stops reading rows and waits for the answers; a resume sends the rest, each once', async () => {
    const rows = 20_000;
    await writeRecipients(join(cwd, 'long.csv'), rows, '2784');
    const args = [
      'bulk',
      '--file',
      'long.csv',
      '--text',
      'Hello',
      '--results',
      'long.jsonl',
      '--concurrency',
      '1',
    ];
    const child = spawnClickwa(runtime, args, { cwd, env });
    let stdout = '';
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    for (;;) {
      const text = await readFile(join(cwd, 'long.jsonl'), 'utf8').catch(() => '');
      if (text.split('"outcome":"accepted"').length > 1_000) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stdout).toMatch(/^interrupted: continue with clickwa bulk --resume long\.jsonl$/m);
    const stopped = await readResults(join(cwd, 'long.jsonl'));
    const outcomes = new Set([...stopped.final.values()].map((r) => r.outcome));
    // A graceful stop leaves no row pending or unknown: what was sent was answered, the rest is not-sent.
    expect([...outcomes].sort()).toEqual(expect.arrayContaining(['accepted']));
    expect(outcomes.has('pending') || outcomes.has('unknown')).toBe(false);
    expect(stopped.final.size).toBeLessThan(rows);
    const resumed = await run(['bulk', '--resume', 'long.jsonl']);
    expect(resumed.code).toBe(0);
    const { final } = await readResults(join(cwd, 'long.jsonl'));
    expect(final.size).toBe(rows);
    const stats = await emulator.stats();
    for (const r of final.values()) expect(stats.acceptedByClientMessageId[r.clientMessageId]).toBe(1);
  });
});
