// `pnpm start` (scripts/start.mjs: wrangler dev and the emulator) with each API as the default integration's: the
// curls it prints run as printed, in a shell, and each message sent is read back once its callbacks came in.
// On Node, not in workerd: vitest.node.config.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type StartedScript, startScript, tryPrintedCurls } from '@clickwa/webhook/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, '..', '..', 'scripts', 'start.mjs');
// Local D1, R2 and Queue state of its own, not the developer's `.wrangler/state`.
const state = mkdtempSync(join(tmpdir(), 'clickwa-stack-'));
afterAll(() => rmSync(state, { recursive: true, force: true }));
const started: StartedScript[] = [];
afterEach(async () => {
  for (const script of started.splice(0)) await script.kill();
});

describe('pnpm start', () => {
  it.each([
    ['wa', [], {}],
    ['one', ['--api', 'one'], {}],
  ] as const)(
    'with %s as the default API (%j): the printed curls work as printed',
    async (api, args, env) => {
      const script = await startScript(SCRIPT, args, { PERSIST_TO: join(state, api), ...env });
      started.push(script);
      const printed = script.output();
      const token = /\/clickatell\/status\/(\w+)/.exec(printed)?.[1];
      // The One API integration calls back to URLs carrying a token made for this start.
      expect(token).toMatch(/^[0-9a-f]{32}$/);
      expect(printed).toContain(`/clickatell/inbound/${token}`);
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
  );
});
