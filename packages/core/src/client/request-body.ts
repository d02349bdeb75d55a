import { utf8ByteLength } from '../internal/utf8-byte-length.ts';

/** A message ready to go: its JSON and that JSON's UTF-8 byte length, or a bound above it. */
export interface SerializedMessage {
  /** The message's JSON text, or a flat message itself, serialized with its request. */
  readonly payload: string | object;
  readonly bytes: number;
}

const OPEN = '{"messages":[';

function tail(encryptionKey: string | undefined): string {
  return encryptionKey ? `],"encryptionKey":${JSON.stringify(encryptionKey)}}` : ']}';
}

/**
 * The bytes a request adds around its messages: `{"messages":[`, the closing brackets and a top-level
 * `encryptionKey` if there is one. Together with one comma between messages, this makes a body's size
 * known exactly before it is built.
 */
export function requestOverheadBytes(encryptionKey?: string): number {
  return OPEN.length + utf8ByteLength(tail(encryptionKey));
}

/**
 * The body of `POST /wa/messages`, built for each attempt. A flat message is serialized here, with the rest
 * of its request in one `JSON.stringify` when all of them are flat; any other was serialized when it was read
 * (its nested objects are the caller's) and is joined as it is.
 *
 * @example requestBody([{ payload: '{"to":"27999000001","content":"Hi"}', bytes: 35 }])
 */
export function requestBody(messages: readonly SerializedMessage[], encryptionKey?: string): string {
  const payloads = messages.map((m) => m.payload);
  if (!payloads.some((p) => typeof p === 'string'))
    return JSON.stringify(encryptionKey ? { messages: payloads, encryptionKey } : { messages: payloads });
  const parts = payloads.map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
  // The brackets go into the first and last parts, so that `join` makes the whole body one flat string:
  // `OPEN + parts.join(',') + close` would be a rope, which encoding the body for the socket first copies flat.
  parts[0] = OPEN + parts[0];
  parts[parts.length - 1] += tail(encryptionKey);
  return parts.join(',');
}
