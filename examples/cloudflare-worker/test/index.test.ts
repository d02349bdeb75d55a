import { env } from 'cloudflare:test';
import { expect, inject, it } from 'vitest';
import worker from '../src/index.ts';

const emulatorUrl = inject('emulatorUrl');

/** The Worker with its bindings, its client pointed at the emulator (as `pnpm dev` does). */
const send = (body: unknown) =>
  worker.fetch(new Request('https://worker.example/', { method: 'POST', body: JSON.stringify(body) }), {
    ...(env as { CLICKATELL_API_KEY: string }),
    CLICKATELL_BASE_URL: emulatorUrl,
  });

const emulatorMessages = async () =>
  (
    (await (await fetch(`${emulatorUrl}/_emulator/messages`)).json()) as {
      messages: { messageId: string; to: string; summary: { content?: string } }[];
    }
  ).messages;

it('sends a text from workerd to the emulator and answers with the accepted result', async () => {
  const response = await send({ to: '+27 99 900 0001', text: 'Hello from the edge' });
  expect(response.status).toBe(200);
  const result = (await response.json()) as { outcome: string; messageId: string; to: string };
  expect(result).toMatchObject({ outcome: 'accepted', to: '27999000001' });
  const record = (await emulatorMessages()).find((m) => m.messageId === result.messageId);
  expect(record).toMatchObject({ to: '27999000001', summary: { content: 'Hello from the edge' } });
});

it('answers 422 for a message the core refuses, and sends nothing', async () => {
  const before = (await emulatorMessages()).length;
  const response = await send({ to: '0821234567', text: 'Hello' });
  expect(response.status).toBe(422);
  expect(await response.json()).toMatchObject({ outcome: 'rejected', error: { code: 150 } });
  expect((await emulatorMessages()).length).toBe(before);
});

it('answers 405 to anything but POST', async () => {
  const response = await worker.fetch(new Request('https://worker.example/'), {
    CLICKATELL_API_KEY: 'example-key',
  });
  expect(response.status).toBe(405);
  await response.text();
});
