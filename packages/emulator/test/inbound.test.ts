import { parseCallback } from '@clickwa/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator, type InboundRecord } from '../src/index.ts';
import { type Receiver, startReceiver } from './helpers/receiver.ts';
import { call, FAST, inspect } from './helpers/send.ts';

let receiver: Receiver;
let emulator: Emulator;
beforeAll(async () => {
  receiver = await startReceiver();
  emulator = createEmulator({
    ...FAST,
    inboundCallback: `${receiver.url}/inbound`,
    callbackUsername: 'u',
    callbackPassword: 'p',
  });
});
afterAll(async () => {
  emulator.close();
  await receiver.close();
});

const post = (body: unknown, target: Emulator = emulator) =>
  call(target, '/_emulator/inbound', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function deliver(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await post(body);
  expect(response.status).toBe(202);
  const { messageId } = (await response.json()) as { messageId: string };
  expect(messageId).toMatch(/^[0-9a-f]{32}$/);
  await emulator.idle();
  const got = receiver.received.find((r) => r.body.messageId === messageId);
  expect(got?.path).toBe('/inbound');
  return got!.body;
}

describe('POST /_emulator/inbound: simulated users (spec 7.3)', () => {
  it('text (7.3.1), with second timestamps and the 7.3.6 credentials', async () => {
    const body = await deliver({ from: '+27 99 900 0001', content: 'Received Message Sample' });
    expect(body).toMatchObject({
      content: 'Received Message Sample',
      from: '27999000001',
      relatedMessageId: null,
      integrationName: emulator.integrations[0]!.name,
      integrationId: emulator.integrations[0]!.id,
      username: 'u',
      password: 'p',
    });
    expect(body.timestamp).toBeLessThan(1e11);
    expect(parseCallback(body)).toMatchObject({ success: true, output: { kind: 'message', type: 'text' } });
  });

  it('a reply (7.3.2) carries relatedMessageId', async () => {
    const body = await deliver({
      from: '27999000001',
      content: 'Message Reply Sample',
      relatedMessageId: 'bc96838ee1334877806461ac577680ed',
    });
    expect(body.relatedMessageId).toBe('bc96838ee1334877806461ac577680ed');
  });

  it('media (7.3.3): base64 content, contentType and caption', async () => {
    const content = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
    const body = await deliver({
      from: '27999000001',
      content,
      contentType: 'image/jpeg',
      caption: 'My First Image',
    });
    expect(body).toMatchObject({ content, contentType: 'image/jpeg', caption: 'My First Image' });
    expect(parseCallback(body)).toMatchObject({ success: true, output: { type: 'media' } });
  });

  it("location (7.3.4), with the spec's `latitute` spelling", async () => {
    const body = await deliver({
      from: '27999000001',
      latitude: 37.536033630371094,
      longitude: '-122.25885772705078',
      locationName: 'Clickatell',
      locationAddress: '900 Island Dr #202, Redwood City, CA, 94065',
    });
    expect(body).toMatchObject({
      latitute: '37.536033630371094',
      longitude: '-122.25885772705078',
      locationName: 'Clickatell',
    });
    expect(body).not.toHaveProperty('latitude');
    expect(parseCallback(body)).toMatchObject({
      success: true,
      output: { type: 'location', latitude: 37.536033630371094 },
    });
  });

  it('encrypted content (7.3.5) passes encryptionKey and sha256Hash through', async () => {
    const body = await deliver({
      from: '27999000001',
      content: 'otIIfcVc282HHnFQ',
      encryptionKey: 'AQIDAHid',
      sha256Hash: 'ab'.repeat(32),
    });
    expect(body).toMatchObject({ encryptionKey: 'AQIDAHid', sha256Hash: 'ab'.repeat(32) });
  });

  it('records what users sent', async () => {
    const { inbound } = await inspect<{ inbound: InboundRecord[] }>(emulator, '/_emulator/inbound');
    expect(inbound.map((i) => i.type)).toEqual(['text', 'text', 'media', 'location', 'text']);
    expect(inbound.every((i) => i.deliveries.length === 1 && i.deliveries[0]!.delivered)).toBe(true);
  });

  it.each([
    ['{"from":', 400, /Malformed JSON/],
    [{ content: 'no sender' }, 400, /from/],
    [{ from: '0821234567', content: 'national' }, 400, /country code/],
    [{ from: '27999000001' }, 400, /content/],
    [{ from: '27999000001', latitude: 'north', longitude: 1 }, 400, /numeric/],
    [{ from: '27999000001', content: 5 }, 400, /content must be a string/],
    [{ from: '27999000001', content: 'x', integration: 'nope' }, 404, /No integration/],
  ])('refuses %j with %i', async (body, status, message) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
  });

  it('without an inbound URL the message is recorded, opens the window, and nothing is sent', async () => {
    const quiet = createEmulator({ ...FAST });
    const response = await post({ from: '27999000001', content: 'hi' }, quiet);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ callback: null });
    expect((await inspect<{ inbound: unknown[] }>(quiet, '/_emulator/inbound')).inbound).toHaveLength(1);
    quiet.close();
  });
});
