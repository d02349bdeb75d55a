import { serveEmulator } from '@clickwa/emulator/node';

const RECEIVER = 'http://receiver.invalid';

/**
 * The emulator over real HTTP on a free loopback port, fast enough for tests (statuses 1 ms apart, no jitter)
 * and with its callbacks addressed to a receiver not known yet: an example server starts after the emulator
 * (it needs the emulator's URL), so callbacks wait for `receiveAt(url)` and then go to `url` over HTTP.
 * `callbacks` lists every callback body delivered (answered 2xx), in the order they arrived.
 *
 * @example
 * const emulator = await startEmulator();
 * const server = runProgram(..., { env: { CLICKATELL_BASE_URL: emulator.url } });
 * emulator.receiveAt((await server.waitFor(/listening on (\S+)/))[1]);
 * await emulator.emulator.idle(); // every callback delivered
 */
export async function startEmulator(options = {}) {
  let receiveAt;
  const receiver = new Promise((resolve) => {
    receiveAt = resolve;
  });
  const callbacks = [];
  const running = await serveEmulator({
    port: 0,
    apiKey: 'example-key',
    statusCallback: `${RECEIVER}/clickatell/status`,
    inboundCallback: `${RECEIVER}/clickatell/inbound`,
    firstStatusMs: 0,
    stepMs: 1,
    jitterMs: 0,
    inboundDelayMs: 0,
    retryBackoffMs: [10, 10, 10],
    // A busy machine may answer a callback slowly; the examples' tests check what is stored, not how fast.
    callbackTimeoutMs: 60_000,
    ...options,
    fetch: async (url, init) => {
      const base = await receiver;
      const response = await fetch(String(url).replace(RECEIVER, base), init);
      if (response.ok) callbacks.push(JSON.parse(init.body));
      return response;
    },
  });
  return {
    url: running.url,
    apiKey: options.apiKey ?? 'example-key',
    emulator: running.emulator,
    callbacks,
    receiveAt,
    /** The emulator's record of what it accepted (`GET /_emulator/messages`). */
    async messages() {
      return (await (await fetch(`${running.url}/_emulator/messages`)).json()).messages;
    },
    close: () => running.close(),
  };
}
