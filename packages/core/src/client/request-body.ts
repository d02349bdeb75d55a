import { utf8ByteLength } from '../internal/utf8-byte-length.ts';

/** A message ready to go: its serialized JSON and that JSON's UTF-8 byte length, or a bound above it. */
export interface SerializedMessage {
  readonly json: string;
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
 * The body of `POST /wa/messages` for already-serialized messages. Messages are serialized once, when
 * they are read, so batching measures real bytes and a retry re-joins strings instead of re-serializing.
 *
 * @example requestBody([{ json: '{"to":"27999000001","content":"Hi"}', bytes: 35 }])
 */
export function requestBody(messages: readonly SerializedMessage[], encryptionKey?: string): string {
  const close = tail(encryptionKey);
  const last = messages.length - 1;
  if (last < 0) return OPEN + close;
  const parts = new Array<string>(messages.length);
  for (let i = 0; i <= last; i++) parts[i] = messages[i]!.json;
  // The brackets go into the first and last parts, so that `join` makes the whole body one flat string:
  // `OPEN + parts.join(',') + close` would be a rope, which encoding the body for the socket first copies flat.
  parts[0] = OPEN + parts[0];
  parts[last] += close;
  return parts.join(',');
}
