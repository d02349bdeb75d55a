import { createInterface } from 'node:readline';
import { getMessageStatus, isNewerStatus, parseCallbackBody, validateSendRequest } from '@clickwa/core';

// What the platform would say about a request, before sending it (nothing is sent):
const checked = validateSendRequest({ messages: [{ to: '0821234567', content: 'Hello' }] });
if (!checked.success)
  for (const i of checked.issues) console.log('invalid', i.messageIndex, i.code, i.message);

// Callback bodies, one JSON document per line of stdin (as a gateway stored them): they arrive out of order,
// late and twice, so keep for each message the status isNewerStatus says is current.
const current = new Map(); // messageId -> { code, timestamp, api }
for await (const line of createInterface({ input: process.stdin })) {
  const parsed = parseCallbackBody(JSON.parse(line));
  if (!parsed.success) {
    console.log('unreadable', parsed.issues.map((i) => i.message).join('; '));
    continue;
  }
  for (const event of parsed.output.events) {
    if (event.kind !== 'status') continue; // a user's message: event.type is 'text', 'media', 'location'...
    if (isNewerStatus(current.get(event.messageId), event))
      current.set(event.messageId, { code: event.statusCode, timestamp: event.timestamp, api: event.api });
  }
}
for (const [messageId, { code, api }] of current) console.log(messageId, getMessageStatus(code, api).status);
