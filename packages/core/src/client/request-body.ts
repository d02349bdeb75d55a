import { utf8ByteLength } from '../internal/utf8-byte-length.ts';

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
 * The body of `POST /wa/messages` from the messages' JSON.
 *
 * @example requestBody([{ json: '{"to":"27999000001","content":"Hi"}' }]) // '{"messages":[{"to":...}]}'
 */
export function requestBody(messages: readonly { readonly json: string }[], encryptionKey?: string): string {
  return `${OPEN}${messages.map((m) => m.json).join(',')}${tail(encryptionKey)}`;
}
