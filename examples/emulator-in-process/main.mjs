import { createEmulator, magicNumber } from '@clickwa/emulator';

const emulator = createEmulator({
  // The webhook under test (a test sets STATUS_CALLBACK to the server it started).
  statusCallback: process.env.STATUS_CALLBACK ?? 'http://127.0.0.1:3000/status',
  stepMs: 10,
  jitterMs: 20,
  retryBackoffMs: [10, 10],
  onDelivery: (event) => {
    if (!event.delivered)
      console.log(
        event.url,
        event.statusCode,
        event.httpStatus ?? event.error,
        event.attempt,
        event.attempts,
      );
  },
});
const response = await emulator.fetch(
  new Request('http://emulator.local/wa/messages', {
    method: 'POST',
    headers: { authorization: 'local-dev-key', 'content-type': 'application/json' },
    // A magic number: this message's statuses end in 28, UNKNOWN_USER.
    body: JSON.stringify({ messages: [{ to: magicNumber.status(28), content: 'Hi' }] }),
  }),
);
console.log('sent', response.status, (await response.json()).messages[0].messageId);
await emulator.idle(); // every callback delivered (or given up)
emulator.close();
