// A user's message to a One API integration, its callback body on stdin (as a gateway stored it): marked read
// (the user sees the blue ticks), and the files it carries by reference downloaded. The download sends the
// API key only to the client's own origin and checks each file's SHA-256. `node read-reply.mjs < body.json`
import { text } from 'node:stream/consumers';
import { createClient, parseCallbackBody } from '@clickwa/core';

const one = createClient({
  api: 'one',
  apiKey: process.env.CLICKATELL_API_KEY,
  baseUrl: process.env.CLICKATELL_BASE_URL || undefined,
});

const parsed = parseCallbackBody(JSON.parse(await text(process.stdin)));
if (!parsed.success) throw new Error(parsed.issues.map((i) => i.message).join('; '));
for (const inbound of parsed.output.events) {
  if (inbound.kind !== 'message') continue;
  await one.markRead(inbound.messageId);
  if (inbound.type !== 'media-files') console.log(inbound.messageId, inbound.type);
  else
    for (const f of inbound.files) {
      const file = await one.downloadMedia(f.downloadUrl, { byteSize: f.byteSize });
      console.log(inbound.messageId, f.fileName, file.contentType, file.bytes.length);
    }
}
