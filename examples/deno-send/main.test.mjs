import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { KMS_DEFAULTS } from '@clickwa/emulator';
import { BINARIES, runProgram, startEmulator } from '@clickwa/example-testing';

const cwd = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'clickwa-deno-send-'));
let emulator;
before(async () => {
  emulator = await startEmulator({ callbacks: false });
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `deno run` with exactly the permissions the example's header names. */
const deno = (file, env, args = []) =>
  runProgram(
    BINARIES.deno,
    [
      'run',
      '--quiet',
      '--allow-net=127.0.0.1',
      `--allow-env=${Object.keys(env).join(',')}`,
      `--allow-read=${dir}`,
      file,
      ...args,
    ],
    { cwd, env },
  ).exited;

const accepted = (stdout) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [to, outcome, messageId] = line.split(' ');
      assert.equal(outcome, 'accepted', line);
      return { to, messageId };
    });

test('main.ts: a text, a template and a PDF accepted, each as the kind it is', async () => {
  const pdf = join(dir, 'invoice.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const env = { CLICKATELL_API_KEY: emulator.apiKey, CLICKATELL_BASE_URL: emulator.url };
  const { code, stdout, stderr } = await deno('main.ts', env, [pdf]);
  assert.equal(code, 0, stderr);
  const sent = accepted(stdout);
  assert.deepEqual(
    sent.map((r) => r.to),
    ['27999000001', '27999000002', '27999000003'],
  );
  const records = await emulator.messages();
  const summary = (i) => records.find((m) => m.messageId === sent[i].messageId)?.summary;
  assert.equal(summary(0).kind, 'text');
  assert.equal(summary(1).rendered, 'Alert: Payment of $150 was posted to your account ending in: 1234');
  assert.deepEqual([summary(2).contentType, summary(2).caption], ['application/pdf', 'Your invoice']);
});

test('main.ts without read permission for the file: stops before sending anything', async () => {
  const before = (await emulator.messages()).length;
  const env = { CLICKATELL_API_KEY: emulator.apiKey, CLICKATELL_BASE_URL: emulator.url };
  const { code, stderr } = await deno('main.ts', env, ['/etc/hostname']);
  assert.notEqual(code, 0);
  assert.match(stderr, /NotCapable|--allow-read/);
  assert.equal((await emulator.messages()).length, before);
});

test('send-encrypted.ts: content encrypted with the emulator KMS, which the platform decrypts', async () => {
  const [credentials] = KMS_DEFAULTS.credentials;
  const env = {
    CLICKATELL_API_KEY: emulator.apiKey,
    CLICKATELL_BASE_URL: emulator.url,
    KMS_KEY_ID: 'alias/clickwa-local',
    KMS_ENDPOINT: `${emulator.url}/_emulator/kms`,
    AWS_REGION: KMS_DEFAULTS.region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  };
  const pdf = join(dir, 'statement.pdf');
  writeFileSync(pdf, '%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const { code, stdout, stderr } = await deno('send-encrypted.ts', { ...env, AWS_SESSION_TOKEN: '' }, [pdf]);
  assert.equal(code, 0, stderr);
  const records = await emulator.messages();
  const sent = accepted(stdout);
  assert.equal(sent.length, 3, stdout);
  for (const { messageId } of sent) {
    const record = records.find((m) => m.messageId === messageId);
    assert.equal(record.summary.encrypted, true);
    assert.notEqual(record.summary.content, 'Your balance is R 1,024.00');
    // Decrypted by the platform: the message is delivered and read (a failure would end in 40, 41 or 32).
    assert.equal(record.plannedStatuses.at(-1), 27);
  }
});
