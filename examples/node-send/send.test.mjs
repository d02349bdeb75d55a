import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { BINARIES, runProgram, startEmulator } from '@clickwa/example-testing';

const cwd = import.meta.dirname;
let emulator;
let receiver;
before(async () => {
  // Every message is read, and about one callback in three comes twice.
  emulator = await startEmulator({ seed: 7, duplicateRate: 0.3 });
  // The callbacks' receiver: answers 200, so the emulator records each body as delivered.
  receiver = createServer((req, res) => req.resume().on('end', () => res.end('{"ok":true}')));
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  emulator.receiveAt(`http://127.0.0.1:${receiver.address().port}`);
});
after(async () => {
  await emulator.close();
  receiver.close();
});

const env = () => ({ CLICKATELL_API_KEY: emulator.apiKey, CLICKATELL_BASE_URL: emulator.url });
const COMMANDS = {
  node: [BINARIES.node, ['send.mjs']],
  bun: [BINARIES.bun, ['send.mjs']],
  deno: [BINARIES.deno, ['run', '--allow-net=127.0.0.1', '--allow-env', 'send.mjs']],
};

for (const [runtime, [command, args]] of Object.entries(COMMANDS)) {
  test(`send.mjs on ${runtime}: both messages accepted by the emulator`, async () => {
    const { code, stdout, stderr } = await runProgram(command, args, { cwd, env: env() }).exited;
    assert.equal(code, 0, stderr);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    assert.equal(lines.length, 2, stdout);
    const accepted = await emulator.messages();
    for (const [clientMessageId, arrow, messageId] of lines) {
      assert.equal(arrow, '->', stdout);
      const record = accepted.find((m) => m.messageId === messageId);
      assert.equal(record?.clientMessageId, clientMessageId);
    }
  });
}

test('send.mjs with CLICKATELL_API=one: both messages accepted by a One API integration', async () => {
  const oneApi = await startEmulator({ api: 'one', callbacks: false });
  try {
    const { code, stdout, stderr } = await runProgram(BINARIES.node, ['send.mjs'], {
      cwd,
      env: { CLICKATELL_API_KEY: oneApi.apiKey, CLICKATELL_BASE_URL: oneApi.url, CLICKATELL_API: 'one' },
    }).exited;
    assert.equal(code, 0, stderr);
    const ids = stdout
      .trim()
      .split('\n')
      .map((line) => line.split(' ')[2]);
    const accepted = await oneApi.messages();
    assert.deepEqual(accepted.map((m) => m.messageId).sort(), [...ids].sort());
  } finally {
    await oneApi.close();
  }
});

test('track-status.mjs: the emulator callbacks, reversed and repeated, leave every message READ', async () => {
  await emulator.emulator.idle();
  const accepted = await emulator.messages();
  assert.equal(accepted.length, Object.keys(COMMANDS).length * 2);
  const statusBodies = emulator.callbacks.filter((body) => 'statusCode' in body);
  // 4 statuses per message (2, 3, 4, 27), duplicates on top.
  assert.ok(statusBodies.length >= accepted.length * 4, `${statusBodies.length} status callbacks`);
  const lines = [...statusBodies].reverse().map((body) => JSON.stringify(body));
  const { code, stdout, stderr } = await runProgram(BINARIES.node, ['track-status.mjs'], {
    cwd,
    stdin: `${lines.join('\n')}\n{"not":"a callback"}\n`,
  }).exited;
  assert.equal(code, 0, stderr);
  const out = stdout.trim().split('\n');
  assert.match(out[0], /^invalid 0 \d+ /);
  assert.match(out[1], /^unreadable /);
  assert.deepEqual(out.slice(2).sort(), accepted.map((m) => `${m.messageId} READ`).sort());
});
