import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startReceiver } from '../../test/helpers/receiver.ts';
import { magicNumber } from '../magic-numbers.ts';
import { runCli } from './run-cli.ts';

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
};

describe('runCli', () => {
  it('starts on a free loopback port with a templates file, and answers a send', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clickwa-emulator-'));
    const templates = join(dir, 'templates.json');
    writeFileSync(templates, JSON.stringify({ order_shipped: 'Order {{1}} shipped' }));
    const { out, io } = capture();
    const { running, exitCode } = await runCli(
      ['--port', '0', '--templates', templates, '--api-key', 'k'],
      {},
      io,
    );
    try {
      expect(exitCode).toBe(0);
      expect(out[0]).toMatch(/^clickwa emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const send = (template: string) =>
        fetch(`${running!.url}/wa/messages`, {
          method: 'POST',
          headers: { authorization: 'k', 'content-type': 'application/json' },
          body: JSON.stringify({
            messages: [{ to: '27999000001', hsm: { template, parameters: { '1': 'A1' } } }],
          }),
        }).then((r) => r.json() as Promise<{ messages: { accepted: boolean; errorCode: number | null }[] }>);
      expect((await send('order_shipped')).messages[0]!.accepted).toBe(true);
      expect((await send('payment_alert')).messages[0]!.errorCode).toBe(106);
    } finally {
      await running?.close();
    }
  });

  it('reads an integrations file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clickwa-emulator-'));
    const file = join(dir, 'integrations.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: 'Sandbox', apiKey: 's', sandbox: true },
        { name: 'Production', apiKey: 'p' },
      ]),
    );
    const { out, io } = capture();
    const { running } = await runCli(['--port', '0', '--integrations', file], {}, io);
    await running?.close();
    expect(out.filter((l) => l.includes('integration "'))).toHaveLength(2);
  });

  it('prints help, and errors with exit codes', async () => {
    const help = capture();
    expect((await runCli(['--help'], {}, help.io)).exitCode).toBe(0);
    expect(help.out.join()).toMatch(/Usage: clickwa-emulator/);
    const bad = capture();
    expect((await runCli(['--port', 'x'], {}, bad.io)).exitCode).toBe(2);
    expect(bad.err.join()).toMatch(/--port must be an integer/);
    const missing = capture();
    expect((await runCli(['--port', '0', '--templates', '/nonexistent.json'], {}, missing.io)).exitCode).toBe(
      1,
    );
    expect(missing.err.join()).toMatch(/--templates \/nonexistent.json/);
  });

  it('says at start where callbacks go and with which credentials, and prints every failed delivery', async () => {
    // A receiver that refuses the credentials, and a port nobody listens on.
    const refusing = await startReceiver(() => 401);
    const dead = await startReceiver();
    await dead.close();
    const { out, io } = capture();
    const { running } = await runCli(
      [
        '--port',
        '0',
        '--status-callback',
        `${refusing.url}/clickatell/status`,
        '--inbound-callback',
        `${dead.url}/clickatell/inbound`,
        '--retry-backoff-ms',
        '5,5',
        '--first-status-ms',
        '0',
        '--inbound-delay-ms',
        '0',
        '--jitter-ms',
        '0',
        '--duplicate-rate',
        '0',
      ],
      {},
      io,
    );
    try {
      expect(out).toContain(
        `  callbacks: status -> ${refusing.url}/clickatell/status, inbound -> ${dead.url}/clickatell/inbound`,
      );
      expect(out).toContain(
        '  callback credentials: username "clickatell", password "dev-callback-password" (in each body)',
      );
      const started = out.length;
      // 1006 comes alone: one status callback, refused three times.
      const sent = await fetch(`${running!.url}/wa/messages`, {
        method: 'POST',
        headers: { authorization: 'local-dev-key', 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ to: magicNumber.status(1006), content: 'Hi' }] }),
      }).then((r) => r.json() as Promise<{ messages: { messageId: string }[] }>);
      const { messageId } = sent.messages[0]!;
      await fetch(`${running!.url}/_emulator/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ from: '27999000001', content: 'Hi' }),
      });
      await running!.emulator.idle();
      const lines = out.slice(started);
      const status = lines.filter((l) => l.includes('status 1006'));
      const at = '\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z';
      expect(status).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${at} callback failed: status 1006 EMULATED of message ${messageId} to ${refusing.url}/clickatell/status: HTTP 401 \\(the receiver refused the credentials\\); attempt 1 of 3, next try in 5 ms$`,
          ),
        ),
        expect.stringMatching(/HTTP 401 .*attempt 2 of 3, next try in 5 ms$/),
        expect.stringMatching(/HTTP 401 .*attempt 3 of 3, gave up after 3 attempts$/),
      ]);
      const inbound = lines.filter((l) => l.includes('inbound message'));
      expect(inbound).toHaveLength(3);
      expect(inbound[0]).toMatch(
        /to http:\/\/127\.0\.0\.1:\d+\/clickatell\/inbound: .*ECONNREFUSED.*attempt 1 of 3/,
      );
      expect(inbound[2]).toMatch(/gave up after 3 attempts$/);
    } finally {
      await running?.close();
      await refusing.close();
    }
  });

  it('says when callbacks are off or have no URL, and that the credentials can be none', async () => {
    const off = capture();
    const a = await runCli(['--port', '0', '--no-callbacks'], {}, off.io);
    await a.running?.close();
    expect(off.out).toContain('  callbacks: off (--no-callbacks); statuses are recorded only');
    const none = capture();
    const b = await runCli(
      ['--port', '0', '--callback-username', '', '--callback-password', ''],
      {},
      none.io,
    );
    await b.running?.close();
    expect(none.out).toContain(
      '  callbacks: none (no --status-callback or --inbound-callback); statuses are recorded only',
    );
    expect(none.out).toContain('  callback credentials: none');
  });
});
