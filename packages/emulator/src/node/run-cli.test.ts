import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
});
