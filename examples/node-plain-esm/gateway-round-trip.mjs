// What a plain Node project does with clickwa: build messages with the core, run the gateway on SQLite, take a
// status callback and read the message back through the API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { template, validateMessage } from '@clickwa/core';
import { createNodeGateway, mediaFromFile } from '@clickwa/node';

export async function gatewayRoundTrip() {
  const dir = mkdtempSync(join(tmpdir(), 'clickwa-plain-esm-'));
  const png = join(dir, 'receipt.png');
  writeFileSync(
    png,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  );
  const media = await mediaFromFile('27999000001', png, { caption: 'Your receipt' });
  const alert = template('+27 99 900 0001', 'payment_alert', ['$150', '1234']);

  const events = [];
  const gateway = await createNodeGateway({
    databaseUrl: join(dir, 'gateway.db'),
    auth: { apiToken: 'plain-token', callbackUsername: 'clickatell', callbackPassword: 'plain-password' },
    onEvent: (event) => events.push(event.key),
  });
  const { url } = await gateway.listen({ port: 0 });
  try {
    const callback = await fetch(`${url}/clickatell/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        messageId: 'plain0001',
        statusCode: 27,
        timestamp: 1760000000000,
        username: 'clickatell',
        password: 'plain-password',
      }),
    });
    const view = await fetch(`${url}/api/messages/plain0001`, {
      headers: { authorization: 'Bearer plain-token' },
    });
    return {
      media: { contentType: media.contentType, valid: validateMessage(media).success },
      template: alert.hsm.template,
      callback: callback.status,
      status: (await view.json()).status.status,
      events,
    };
  } finally {
    await gateway.close();
  }
}
