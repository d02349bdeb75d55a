import { after, before, test } from 'node:test';
import { BINARIES, gatewayRoundTrip, runProgram, startEmulator } from '@clickwa/example-testing';

let emulator;
before(async () => {
  emulator = await startEmulator({ seed: 4, duplicateRate: 0.3 });
});
after(() => emulator.close());

test('deno server.ts: sends, takes the callbacks and the reply, shows them through /api, hands them on', async () => {
  const server = runProgram(BINARIES.deno, ['run', '--allow-net=127.0.0.1', '--allow-env', 'server.ts'], {
    cwd: import.meta.dirname,
    env: {
      PORT: '0',
      API_TOKEN: 'example-token',
      // The emulator's default callback credentials.
      CALLBACK_USERNAME: 'clickatell',
      CALLBACK_PASSWORD: 'dev-callback-password',
      CLICKATELL_API_KEY: emulator.apiKey,
      CLICKATELL_BASE_URL: emulator.url,
    },
  });
  try {
    const [, gatewayUrl] = await server.waitFor(/listening on (http:\/\/\S+)/);
    emulator.receiveAt(gatewayUrl);
    await gatewayRoundTrip({
      gatewayUrl,
      apiToken: 'example-token',
      emulator,
      waitForEvent: (key) => server.waitFor(new RegExp(`^event ${key}`, 'm')),
    });
  } finally {
    await server.stop();
  }
});
