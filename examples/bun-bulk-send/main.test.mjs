import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BINARIES, runProgram, startEmulator } from '@clickwa/example-testing';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-bun-bulk-'));
let emulator;
before(async () => {
  emulator = await startEmulator({ callbacks: false });
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

test('bun main.ts: 450 rows, each row with its result, bad numbers rejected unsent', async () => {
  const rows = Array.from({ length: 450 }, (_, i) =>
    // Every 100th row has a national number, which the core refuses before sending.
    i % 100 === 50
      ? `0821234${String(i).padStart(3, '0')},Row ${i}`
      : `+27999${String(i).padStart(6, '0')},Row ${i}`,
  );
  writeFileSync(join(dir, 'recipients.csv'), `to,name\n${rows.join('\n')}\n`);
  const { code, stdout, stderr } = await runProgram(
    BINARIES.bun,
    [join(import.meta.dirname, 'main.ts'), 'recipients.csv', 'results.jsonl'],
    { cwd: dir, env: { CLICKATELL_API_KEY: emulator.apiKey, CLICKATELL_BASE_URL: emulator.url } },
  ).exited;
  assert.equal(code, 0, stderr);
  assert.deepEqual(JSON.parse(stdout), { accepted: 446, rejected: 4 });

  const results = readFileSync(join(dir, 'results.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    results.map((r) => r.index).sort((a, b) => a - b),
    rows.map((_, i) => i),
  );
  for (const r of results) {
    if (r.index % 100 === 50) assert.equal(r.outcome, 'rejected');
    else assert.equal(r.outcome, 'accepted', JSON.stringify(r));
  }
  const accepted = await emulator.messages();
  assert.deepEqual(
    accepted.map((m) => m.messageId).sort(),
    results
      .filter((r) => r.outcome === 'accepted')
      .map((r) => r.messageId)
      .sort(),
  );
  assert.equal(new Set(accepted.map((m) => m.to)).size, 446);
});
