// `pnpm start:node` (scripts/start.mjs) with each API as the default integration's: the curls it prints run as
// printed, in a shell, and each message sent is read back once its callbacks have come in.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartedScript, startScript, tryPrintedCurls } from '@clickwa/webhook/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', 'scripts', 'start.mjs');
const dir = mkdtempSync(join(tmpdir(), 'clickwa-start-'));
const started: StartedScript[] = [];
afterEach(async () => {
  for (const script of started.splice(0)) await script.kill();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const start = async (args: string[], env: Record<string, string>) => {
  const script = await startScript(SCRIPT, args, {
    DATABASE_URL: join(dir, `${crypto.randomUUID()}.db`),
    ...env,
  });
  started.push(script);
  return script;
};

describe('pnpm start:node', () => {
  it.each([
    ['wa', ['--api', 'wa'], {}],
    ['one', [], { CLICKATELL_API: 'one' }],
    ['one', ['--', '--api=one'], { CLICKATELL_API: 'wa' }],
  ] as const)(
    'with %s as the default API (%j, %j): the printed curls work as printed',
    async (api, args, env) => {
      const script = await start([...args], env);
      const printed = script.output();
      expect(printed).toContain(
        api === 'one'
          ? 'default integration: One API (one)'
          : 'default integration: the WhatsApp Enterprise API (wa)',
      );
      const run = await tryPrintedCurls(printed, api);
      expect(run.printed.view).toMatchObject({
        messageId: run.printed.messageId,
        sent: { kind: 'template', template: 'payment_alert', outcome: 'accepted', integration: null },
      });
      const other = api === 'one' ? 'wa' : 'one';
      // Each message read back with its API: the status's code is of that API's catalog, the lifecycle the same.
      expect(run.read).toMatchObject({
        status: { status: 'READ', api, lifecycle: 'read' },
        sent: { api, integration: null },
      });
      expect(run.otherRead).toMatchObject({
        status: { status: 'READ', api: other, lifecycle: 'read' },
        sent: { api: other, integration: other, outcome: 'accepted' },
      });
      expect(await script.stop()).toBe(0);
    },
    300_000,
  );

  it('refuses an API it does not know, naming where it came from', async () => {
    await expect(start(['--api', 'v1'], {})).rejects.toThrow(/--api must be "wa" .* or "one" .*, got "v1"/);
    await expect(start([], { CLICKATELL_API: 'whatsapp' })).rejects.toThrow(/CLICKATELL_API must be/);
  }, 300_000);
});
