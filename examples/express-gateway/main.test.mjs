import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BINARIES, gatewayRoundTrip, runProgram, startEmulator } from '@clickwa/example-testing';

const dir = mkdtempSync(join(tmpdir(), 'clickwa-express-'));
let emulator;
before(async () => {
  emulator = await startEmulator({ seed: 5, duplicateRate: 0.3 });
});
after(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

test('main.mjs: the gateway under /whatsapp beside its own JSON route, round trip with the emulator', async () => {
  const server = runProgram(BINARIES.node, [join(import.meta.dirname, 'main.mjs')], {
    cwd: dir,
    env: {
      PORT: '0',
      DATABASE_URL: join(dir, 'gateway.db'),
      API_TOKEN: 'example-token',
      // The emulator's default callback credentials.
      CALLBACK_USERNAME: 'clickatell',
      CALLBACK_PASSWORD: 'dev-callback-password',
      CLICKATELL_API_KEY: emulator.apiKey,
      CLICKATELL_BASE_URL: emulator.url,
    },
  });
  try {
    const [, base] = await server.waitFor(/listening on (http:\/\/\S+)/);
    emulator.receiveAt(`${base}/whatsapp`);
    const { messageId } = await gatewayRoundTrip({
      gatewayUrl: `${base}/whatsapp`,
      apiToken: 'example-token',
      emulator,
      waitForEvent: (key) => server.waitFor(new RegExp(`^event ${key}`, 'm')),
    });
    // Only /whatsapp and what is under it is the gateway's.
    const outside = await fetch(`${base}/whatsappx/api/messages/${messageId}`, {
      headers: { authorization: 'Bearer example-token' },
    });
    assert.equal(outside.status, 404);
    await outside.arrayBuffer();
    // The app's own route still has its JSON body parsed.
    const own = await fetch(`${base}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sku":"A1"}',
    });
    assert.deepEqual(await own.json(), { received: { sku: 'A1' } });
    // SIGTERM: the server closes, the gateway's last drain runs, the database closes, exit 0.
    assert.equal((await server.stop()).code, 0);
  } finally {
    await server.stop();
  }
});
