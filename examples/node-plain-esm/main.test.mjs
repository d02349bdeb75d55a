import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';

test('runs as a plain ESM project, with @clickwa/core and @clickwa/node from node_modules', () => {
  const output = execFileSync(process.execPath, ['main.mjs'], { cwd: import.meta.dirname, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(output), {
    media: { contentType: 'image/png', valid: true },
    template: 'payment_alert',
    callback: 200,
    status: 'READ',
    // The gateway's close ran a last drain: the consumer saw the event.
    events: ['status:plain0001:27:1760000000000'],
  });
});
