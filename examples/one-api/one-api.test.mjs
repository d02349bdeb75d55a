import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BINARIES, runProgram, startEmulator } from '@clickwa/example-testing';

const cwd = import.meta.dirname;
const dir = mkdtempSync(join(tmpdir(), 'clickwa-one-api-'));
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
let emulator;
let receiver;
before(async () => {
  emulator = await startEmulator({ api: 'one', seed: 11 });
  receiver = createServer((req, res) => req.resume().on('end', () => res.end('{"ok":true}')));
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  emulator.receiveAt(`http://127.0.0.1:${receiver.address().port}`);
});
after(async () => {
  await emulator.close();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ CLICKATELL_API_KEY: emulator.apiKey, CLICKATELL_BASE_URL: emulator.url });

test('send.mjs: the uploaded video and a text accepted, each status read back', async () => {
  const video = join(dir, 'tour.mp4');
  // An MP4's first box (ftyp), enough for the type to be read from the bytes.
  writeFileSync(
    video,
    Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d', 'hex'), Buffer.alloc(64)]),
  );
  const { code, stdout, stderr } = await runProgram(BINARIES.node, ['send.mjs', video], { cwd, env: env() })
    .exited;
  assert.equal(code, 0, stderr);
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => line.split(' '));
  assert.deepEqual(
    lines.map(([to]) => to),
    ['27999000004', '27999000005'],
    stdout,
  );
  const records = await emulator.messages();
  for (const [, messageId, status] of lines) {
    assert.ok(
      records.some((m) => m.messageId === messageId),
      stdout,
    );
    assert.match(status, /^[A-Z_]+$/);
  }
  const media = records.find((m) => m.messageId === lines[0][1]);
  assert.equal(media.summary.kind, 'media');
});

test('read-reply.mjs: the reply marked read and its file downloaded, hash checked', async () => {
  const inbound = await fetch(`${emulator.url}/_emulator/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: '27999000004', content: PNG.toString('base64'), contentType: 'image/png' }),
  });
  assert.equal(inbound.status, 202);
  const { messageId } = await inbound.json();
  await emulator.emulator.idle();
  const body = emulator.callbacks.find((b) => JSON.stringify(b).includes(messageId));
  assert.ok(body, 'the inbound callback was delivered');

  const { code, stdout, stderr } = await runProgram(BINARIES.node, ['read-reply.mjs'], {
    cwd,
    env: env(),
    stdin: JSON.stringify(body),
  }).exited;
  assert.equal(code, 0, stderr);
  const [id, , contentType, length] = stdout.trim().split(' ');
  assert.deepEqual([id, contentType, Number(length)], [messageId, 'image/png', PNG.length]);
  const { inbound: records } = await (await fetch(`${emulator.url}/_emulator/inbound`)).json();
  assert.equal(typeof records.find((r) => r.messageId === messageId)?.readAt, 'number');
});
