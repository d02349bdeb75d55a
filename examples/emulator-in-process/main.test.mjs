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

/** A printed failure: `url status outcome attempt attempts`, the outcome an HTTP status or an error text. */
const failure = (line) => {
  const [url, status, ...rest] = line.split(' ');
  const [attempt, attempts] = rest.splice(-2);
  return { url, status, outcome: rest.join(' '), attempt, attempts };
};
// On a machine so loaded that the webhook takes longer than the emulator's callback timeout to answer, the
// attempt is reported as "no answer within ... ms" instead: a failure the webhook did not choose.
const TIMED_OUT = /^no answer within \d+ ms$/;

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
    // A webhook that answers 200 is never reported as failing (only a timeout could be).
    for (const line of failures) assert.match(failure(line).outcome, TIMED_OUT, line);
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
    const parsed = failures.map(failure);
    for (const f of parsed) {
      assert.equal(f.url, hook.url);
      assert.ok(f.outcome === '503' || TIMED_OUT.test(f.outcome), f.outcome);
    }
    assert.deepEqual(
      [...new Set(parsed.map((f) => `${f.status} ${f.attempt} ${f.attempts}`))].sort(),
      ['2', '28'].flatMap((s) => [1, 2, 3].map((attempt) => `${s} ${attempt} 3`)).sort(),
    );
    assert.ok(
      parsed.some((f) => f.outcome === '503'),
      'the 503 answers are reported as they came',
    );
  } finally {
    hook.close();
  }
});
