import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parse-cli-args.ts';
import { runCli } from './run-cli.ts';

const io = () => {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
};

describe('--api', () => {
  it('reads --api and --multi-status, and their environment variables', () => {
    expect(parseCliArgs(['--api', 'one', '--multi-status', 'mixed'], {})).toEqual({
      config: { options: { api: 'one', oneApi: { multiStatus: 'mixed' } } },
    });
    expect(parseCliArgs([], { CLICKWA_EMULATOR_API: 'one' })).toEqual({
      config: { options: { api: 'one' } },
    });
  });

  it('refuses an API or a 207 rule it does not know', () => {
    expect(parseCliArgs(['--api', 'sms'], {})).toEqual({ error: '--api must be wa or one, got "sms"' });
    expect(parseCliArgs(['--multi-status', 'some'], {})).toEqual({
      error: '--multi-status must be any-rejected or mixed, got "some"',
    });
  });

  it('--api one serves One API on /v1/message, and the key is no key on /wa/messages', async () => {
    const { io: out } = io();
    const { running, exitCode } = await runCli(['--port', '0', '--api', 'one', '--api-key', 'k1'], {}, out);
    try {
      expect(exitCode).toBe(0);
      const post = (path: string, body: unknown) =>
        fetch(`${running!.url}${path}`, {
          method: 'POST',
          headers: { authorization: 'k1', 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const one = await post('/v1/message', {
        messages: [{ channel: 'whatsapp', to: '27999000001', content: 'Hi' }],
      });
      expect(one.status).toBe(202);
      expect(await one.json()).toMatchObject({ messages: [{ accepted: true, error: null }], error: null });
      const legacy = await post('/wa/messages', { messages: [{ to: '27999000001', content: 'Hi' }] });
      expect(await legacy.json()).toMatchObject({ errorCode: 1 });
    } finally {
      await running?.close();
    }
  });
});
