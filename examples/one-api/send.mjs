// One API (`POST /v1/message`): a video uploaded once and sent by reference, a text, and each message's status
// read back. `node send.mjs tour.mp4`
import { readFile } from 'node:fs/promises';
import { createClient, media, text } from '@clickwa/core';

const one = createClient({
  api: 'one',
  apiKey: process.env.CLICKATELL_API_KEY,
  // Unset (or empty): Clickatell; the emulator (`pnpm emulator --api one`) locally.
  baseUrl: process.env.CLICKATELL_BASE_URL || undefined,
});

const videoBytes = new Uint8Array(await readFile(process.argv[2] ?? 'tour.mp4'));
const { fileId } = await one.uploadMedia(videoBytes, {
  fileName: 'tour.mp4',
  contentType: 'video/mp4',
  broadcast: true,
});
const results = await one.send([
  media('+27 99 900 0004', { fileId }, { caption: 'Our new store' }),
  text('+27 99 900 0005', 'Our new store opens on Monday'),
]);
for (const r of results) {
  if (r.accepted)
    console.log(r.to, r.messageId, (await one.getStatus(r.messageId)).status); // e.g. DEVICE_ACK
  else console.log(r.to, r.outcome, r.error?.code, r.error?.description);
}
