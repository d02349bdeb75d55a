import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { BINARIES, runProgram } from '@clickwa/example-testing';

/** A webhook on a free port that answers every callback with `status`, and the bodies it was sent. */
async function webhook(status) {
  const bodies = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(body));
      res.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/status`, bodies, close: () => server.close() };
}

const run = (statusCallback) =>
  runProgram(BINARIES.node, ['main.mjs'], {
    cwd: import.meta.dirname,
    env: { STATUS_CALLBACK: statusCallback },
  }).exited;

test('main.mjs with a webhook that answers 200: both statuses delivered, no failure printed', async () => {
  const hook = await webhook(200);
  try {
    const { code, stdout, stderr } = await run(hook.url);
    assert.equal(code, 0, stderr);
    const [line, ...failures] = stdout.trim().split('\n');
    const [, status, messageId] = line.split(' ');
    assert.equal(status, '202');
    assert.deepEqual(failures, []);
    assert.deepEqual([...new Set(hook.bodies.map((b) => `${b.messageId} ${b.statusCode}`))].sort(), [
      `${messageId} 2`,
      `${messageId} 28`,
    ]);
  } finally {
    hook.close();
  }
});

test('main.mjs with a webhook that answers 503: each status tried three times, each failure printed', async () => {
  const hook = await webhook(503);
  try {
    const { code, stdout, stderr } = await run(hook.url);
    assert.equal(code, 0, stderr);
    const failures = stdout.trim().split('\n').slice(1);
    // Duplicates (the emulator sends some callbacks twice) repeat lines; each status has every attempt.
    assert.deepEqual(
      [...new Set(failures)].sort(),
      ['2', '28'].flatMap((s) => [1, 2, 3].map((attempt) => `${hook.url} ${s} 503 ${attempt} 3`)).sort(),
    );
  } finally {
    hook.close();
  }
});
