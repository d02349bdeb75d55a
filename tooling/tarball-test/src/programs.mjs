// The small programs each fresh project runs, as source text. They take the emulator's URL as their first
// argument (Deno's `Deno.args`, `process.argv` elsewhere) and print one JSON line the test reads.

/** Core only: runs unchanged on Node, Bun and Deno. */
export const sendProgram = `import { createClient, text } from '@clickwa/core';

const [baseUrl, runtime] = globalThis.Deno ? Deno.args : process.argv.slice(2);
const client = createClient({ apiKey: 'local-dev-key', baseUrl });
const result = await client.send(text('+27 99 900 0001', \`Hello from a tarball on \${runtime}\`));
console.log(JSON.stringify({ accepted: result.accepted, messageId: result.messageId }));
`;

/** Node: every entry that runs without a test runner, with the packed emulator serving the send. */
export const nodeProgram = `import { createClient, text } from '@clickwa/core';
import { createEncryption } from '@clickwa/core/encryption';
import { serveEmulator } from '@clickwa/emulator/node';
import { createGatewayApp, createMemoryStore } from '@clickwa/webhook';

const running = await serveEmulator({ port: 0 });
try {
  const client = createClient({ apiKey: 'local-dev-key', baseUrl: running.url });
  const result = await client.send(text('+27 99 900 0001', 'Hello from the packed emulator'));
  console.log(
    JSON.stringify({
      accepted: result.accepted,
      messageId: result.messageId,
      gateway: typeof createGatewayApp,
      store: typeof createMemoryStore().insertEvents,
      encryption: typeof createEncryption,
    }),
  );
} finally {
  await running.close();
}
`;

/** TypeScript, typecheck only: the types of each entry resolve, and are not \`any\` (the expected errors). */
export const typedProgram = `import { createClient, type SendResult, text } from '@clickwa/core';
import { createEncryption, type EncryptedMessage } from '@clickwa/core/encryption';
import { type RunningEmulator, serveEmulator } from '@clickwa/emulator/node';
import { createGatewayApp, createMemoryStore, type Store } from '@clickwa/webhook';

const running: RunningEmulator = await serveEmulator({ port: 0 });
const client = createClient({ apiKey: 'local-dev-key', baseUrl: running.url });
const result: SendResult = await client.send(text('+27 99 900 0001', 'Hello'));
const id: string | undefined = result.accepted ? result.messageId : undefined;
const store: Store = createMemoryStore();
export const parts = [id, store, createGatewayApp, createEncryption, running.close] as const;
export type Sealed = EncryptedMessage;
// @ts-expect-error: a phone number is a string
text(27999000001, 'Hello');
// @ts-expect-error: the emulator's port is a number
await serveEmulator({ port: '0' });
`;
