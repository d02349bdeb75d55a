// `--encrypt` on every runtime, against the emulator's KMS and send endpoints on loopback.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KMS_DEFAULTS } from '@clickwa/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RUNTIMES, runClickwa } from './helpers/clickwa.ts';
import { type EmulatorProcess, startEmulator } from './helpers/emulator.ts';

const API_KEY = 'sender-encrypt-key';
const [AWS] = KMS_DEFAULTS.credentials;
const KEY_ID = Object.keys(KMS_DEFAULTS.keys)[0]!;
const LOCAL_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(4)));

interface Summary {
  readonly plannedStatuses: readonly number[];
  readonly summary: { readonly content?: string; readonly encrypted: boolean };
}

describe.each(RUNTIMES)('clickwa --encrypt on %s', (runtime) => {
  let emulator: EmulatorProcess;
  let cwd: string;
  const run = (args: string[], env: Record<string, string> = {}) =>
    runClickwa(runtime, args, {
      cwd,
      env: { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url, ...env },
      encrypt: true,
    });
  const messages = async () =>
    ((await (await fetch(`${emulator.url}/_emulator/messages`)).json()) as { messages: Summary[] }).messages;

  beforeAll(async () => {
    emulator = await startEmulator(API_KEY, ['--seed', runtime]);
    cwd = await mkdtemp(join(tmpdir(), `clickwa-encrypt-${runtime}-`));
    await writeFile(join(cwd, 'master.key'), `${LOCAL_KEY}\n`);
  });
  beforeEach(async () => {
    await fetch(`${emulator.url}/_emulator/messages`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await emulator?.stop();
    await rm(cwd, { recursive: true, force: true });
  });

  it('with KMS: data keys from --kms-endpoint, credentials from AWS_*; the platform reads the text', async () => {
    const r = await run(
      [
        'send',
        'text',
        '--to',
        '+27821234567',
        '--text',
        'Your PIN is 4321',
        '--encrypt',
        '--kms-key-id',
        KEY_ID,
        '--kms-endpoint',
        `${emulator.url}/_emulator/kms`,
      ],
      {
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: AWS.secretAccessKey,
        AWS_REGION: KMS_DEFAULTS.region,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [m] = await messages();
    expect(m!.summary.encrypted).toBe(true);
    expect(m!.summary.content).not.toContain('4321');
    // Callbacks are off: the planned statuses are the message's life, read by the platform.
    expect(m!.plannedStatuses.at(-1)).toBe(27);
  });

  it('with a local key from a file or CLICKWA_ENCRYPTION_KEY, never on the command line', async () => {
    const file = await run([
      'send',
      'text',
      '--to',
      '+27821234567',
      '--text',
      'secret',
      '--encrypt',
      '--encryption-key-file',
      'master.key',
    ]);
    expect(file.code).toBe(0);
    const env = await run(['send', 'text', '--to', '+27821234567', '--text', 'secret', '--encrypt'], {
      CLICKWA_ENCRYPTION_KEY: LOCAL_KEY,
    });
    expect(env.code).toBe(0);
    const sent = await messages();
    expect(sent.map((m) => m.summary.encrypted)).toEqual([true, true]);
    expect(sent.every((m) => !m.summary.content?.includes('secret'))).toBe(true);
  });

  it('says what is missing in one line, and shows no key', async () => {
    const none = await run(['send', 'text', '--to', '+27821234567', '--text', 'x', '--encrypt']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--encrypt needs a key: --kms-key-id KEY .*CLICKWA_ENCRYPTION_KEY/);
    const noAws = await run([
      'send',
      'text',
      '--to',
      '+27821234567',
      '--text',
      'x',
      '--encrypt',
      '--kms-key-id',
      KEY_ID,
    ]);
    expect(noAws.code).toBe(2);
    expect(noAws.stderr).toMatch(/AWS_ACCESS_KEY_ID/);
    const stray = await run(['send', 'text', '--to', '+27821234567', '--text', 'x', '--kms-key-id', KEY_ID]);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--kms-key-id goes with --encrypt/);
    const denied = await run(
      [
        'send',
        'text',
        '--to',
        '+27821234567',
        '--text',
        'x',
        '--encrypt',
        '--kms-key-id',
        KEY_ID,
        '--kms-endpoint',
        `${emulator.url}/_emulator/kms`,
      ],
      {
        AWS_ACCESS_KEY_ID: AWS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: 'not-the-secret-value',
        AWS_REGION: KMS_DEFAULTS.region,
      },
    );
    expect(denied.code).not.toBe(0);
    expect(denied.stdout + denied.stderr).toMatch(/InvalidSignatureException/);
    expect(denied.stdout + denied.stderr).not.toContain('not-the-secret-value');
    expect((await messages()).length).toBe(0);
  });
});
