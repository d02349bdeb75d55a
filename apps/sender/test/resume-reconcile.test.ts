// What an operator meets after a bad run, on every runtime: rows that failed safely (a 901 or a 429 that
// outlasted their retries) are sent again by --resume; rows left unknown are settled by reconcile against the
// gateway (the webhook README's example, over real HTTP) and only then resent; nothing is accepted twice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIMES, runClickwa } from './helpers/clickwa.ts';
import { type EmulatorProcess, startEmulator } from './helpers/emulator.ts';
import { numberOf, readResults, writeRecipients } from './helpers/files.ts';
import { GATEWAY_TOKEN, type GatewayProcess, startGateway } from './helpers/gateway.ts';
import { type HoldProxy, startHoldProxy } from './helpers/hold-proxy.ts';

const API_KEY = 'sender-operator-key';
const PREFIX = { node: '2785', node24: '2788', bun: '2786', deno: '2787' } as const;

/** Polls until the emulator has no callback pending: every status has reached the gateway. */
async function callbacksDelivered(emulator: EmulatorProcess): Promise<void> {
  for (;;) {
    const stats = (await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as {
      callbacks: { pending: number };
    };
    if (stats.callbacks.pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(RUNTIMES)('operator flows on %s', (runtime) => {
  let emulator: EmulatorProcess;
  let quiet: EmulatorProcess;
  let gateway: GatewayProcess;
  let proxy: HoldProxy;
  let cwd: string;
  let env: Record<string, string>;
  const run = (args: string[]) => runClickwa(runtime, args, { cwd, env });

  beforeAll(async () => {
    gateway = await startGateway();
    // Status callbacks pass a proxy that holds them until released: "slow" callbacks without any timing.
    proxy = await startHoldProxy(gateway.url);
    emulator = await startEmulator(
      API_KEY,
      [
        '--seed',
        runtime,
        '--status-callback',
        `${proxy.url}/clickatell/status`,
        '--first-status-ms',
        '0',
        '--step-ms',
        '1',
        '--jitter-ms',
        '0',
        '--duplicate-rate',
        '0',
        '--callback-timeout-ms',
        '60000',
      ],
      { callbacks: true },
    );
    // The resume case needs no callbacks: its own emulator keeps them out of the reconcile case's gateway.
    quiet = await startEmulator(API_KEY, ['--seed', runtime]);
    cwd = await mkdtemp(join(tmpdir(), `clickwa-operator-${runtime}-`));
    env = {
      CLICKATELL_API_KEY: API_KEY,
      CLICKATELL_BASE_URL: emulator.url,
      CLICKWA_API_TOKEN: GATEWAY_TOKEN,
    };
  });
  afterAll(async () => {
    proxy?.release();
    await emulator?.stop();
    await quiet?.stop();
    await proxy?.close();
    await gateway?.stop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('--resume sends again the rows a 901 and a 429 left safe to resend, and nothing else', async () => {
    // 450 rows are three requests of 200, 200 and 50; the second meets a 901, the third a 429, once each.
    await writeRecipients(join(cwd, 'faulted.csv'), 450, `${PREFIX[runtime]}1`);
    await quiet.addFault({ fault: '901', to: numberOf(200, `${PREFIX[runtime]}1`) });
    await quiet.addFault({ fault: '429', to: numberOf(400, `${PREFIX[runtime]}1`) });
    const args = ['bulk', '--file', 'faulted.csv', '--text', 'Hi', '--results', 'faulted.jsonl'];
    const first = await runClickwa(runtime, [...args, '--max-retries', '0', '--concurrency', '1'], {
      cwd,
      env: { ...env, CLICKATELL_BASE_URL: quiet.url },
    });
    expect(first.code).toBe(1);
    const before = await readResults(join(cwd, 'faulted.jsonl'));
    const outcomes = (from: number, to: number) =>
      new Set([...before.final.values()].filter((r) => r.line >= from && r.line <= to).map((r) => r.outcome));
    expect(outcomes(2, 201)).toEqual(new Set(['accepted']));
    expect(before.final.get(202)).toMatchObject({
      outcome: 'rejected',
      error: { code: 901, retryable: true },
    });
    // A throttle that outlasts its retries: rejected and retryable, or not sent; either way safe to resend.
    const throttled = before.final.get(402)!;
    expect(
      throttled.outcome === 'not-sent' ||
        (throttled.outcome === 'rejected' && (throttled.error as { retryable?: boolean }).retryable),
    ).toBe(true);
    expect(first.stdout).toMatch(
      /^250 rows are safe to send again \(.*\): clickwa bulk --resume faulted\.jsonl$/m,
    );

    const resumed = await runClickwa(runtime, ['bulk', '--resume', 'faulted.jsonl'], {
      cwd,
      env: { ...env, CLICKATELL_BASE_URL: quiet.url },
    });
    expect(resumed.stderr).not.toMatch(/clickwa:/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^450 rows: accepted 450, rejected 0, unknown 0, not sent 0$/m);
    const { final } = await readResults(join(cwd, 'faulted.jsonl'));
    const stats = await quiet.stats();
    for (const row of final.values()) expect(stats.acceptedByClientMessageId[row.clientMessageId]).toBe(1);
    for (let i = 0; i < 450; i++)
      expect(stats.acceptedByRecipient[numberOf(i, `${PREFIX[runtime]}1`)]).toBe(1);
    expect(stats.repeatedClientMessageIds).toEqual([]);
  });

  it('reconcile settles unknown rows from the gateway: accepted ones, slow ones, never-received ones', async () => {
    const prefix = `${PREFIX[runtime]}2`;
    await writeRecipients(join(cwd, 'lost.csv'), 400, prefix);
    // The first request is accepted but its answer lost; the second is dropped before the platform reads it.
    await emulator.addFault({ fault: 'reset-after', to: numberOf(0, prefix) });
    await emulator.addFault({ fault: 'reset-before', to: numberOf(200, prefix) });
    const first = await run([
      'bulk',
      '--file',
      'lost.csv',
      '--text',
      'Hi',
      '--results',
      'lost.jsonl',
      '--max-retries',
      '0',
      '--concurrency',
      '1',
    ]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^400 rows: accepted 0, rejected 0, unknown 400, not sent 0$/m);
    expect(first.stdout).toMatch(/clickwa reconcile lost\.jsonl --gateway URL/);
    const reconcile = (resendAfter: string) =>
      run(['reconcile', 'lost.jsonl', '--gateway', gateway.url, '--resend-after', resendAfter]);

    // Callbacks are held: the accepted rows are slow, not lost. Within the quiet period nothing is resent.
    const slow = await reconcile('1h');
    expect(slow.code).toBe(1);
    expect(slow.stdout).toMatch(/^400 unknown rows: 0 accepted .*, 0 unanswered .*, 400 still unknown$/m);
    expect(slow.stdout).toMatch(/400 rows were sent less than 1h ago: run reconcile again later/);
    // Past the quiet period, but the gateway holds no status of this run at all: a wrong gateway, or
    // callbacks that do not reach it. Nothing is marked to resend.
    const guarded = await reconcile('0');
    expect(guarded.code).toBe(1);
    expect(guarded.stdout).toMatch(
      /400 rows have no status, but the gateway holds no status of any row of this run/,
    );
    expect((await readResults(join(cwd, 'lost.jsonl'))).final.get(2)!.outcome).toBe('unknown');

    proxy.release();
    await callbacksDelivered(emulator);
    const settled = await reconcile('0');
    expect(settled.stderr).toBe('');
    expect(settled.code).toBe(0);
    expect(settled.stdout).toMatch(
      /^400 unknown rows: 200 accepted .*, 200 unanswered .*, 0 still unknown$/m,
    );
    // The emulator's defaults and the example gateway share the local credentials: no delivery failed.
    expect(emulator.stdout()).not.toMatch(/callback failed/);
    const again = await run(['reconcile', 'lost.jsonl', '--gateway', gateway.url, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      unsettled: 0,
      accepted: 0,
      unanswered: 0,
      runSeen: false,
    });
    const after = await readResults(join(cwd, 'lost.jsonl'));
    const stats = await emulator.stats();
    const accepted = after.final.get(2)!;
    expect(accepted).toMatchObject({
      outcome: 'accepted',
      messageId: expect.stringMatching(/^[0-9a-f]{32}$/),
      status: { code: 27, status: 'READ' },
    });
    expect(stats.acceptedByClientMessageId[accepted.clientMessageId]).toBe(1);
    expect(after.final.get(202)).toMatchObject({
      outcome: 'not-sent',
      error: { code: 'unanswered', retryable: true },
    });
    expect(stats.acceptedByClientMessageId[after.final.get(202)!.clientMessageId]).toBeUndefined();

    const resumed = await run(['bulk', '--resume', 'lost.jsonl']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^400 rows: accepted 400, rejected 0, unknown 0, not sent 0$/m);
    const final = await emulator.stats();
    for (const row of (await readResults(join(cwd, 'lost.jsonl'))).final.values())
      expect(final.acceptedByClientMessageId[row.clientMessageId]).toBe(1);
    for (let i = 0; i < 400; i++) expect(final.acceptedByRecipient[numberOf(i, prefix)]).toBe(1);
    expect(final.repeatedClientMessageIds).toEqual([]);
  });
});
