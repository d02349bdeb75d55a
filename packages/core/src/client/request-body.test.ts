import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
import { requestBody, requestOverheadBytes } from './request-body.ts';

describe('requestBody', () => {
  const texts = ['{"to":"1","content":"é"}', '{"to":"2","content":"😀"}', '{"to":"3"}'];
  const messages = texts.map((json) => ({ json, bytes: utf8ByteLength(json) }));

  it('has exactly the size the batcher counts', () => {
    for (const key of [undefined, 'AQIDAHh6Ji8/+=']) {
      const body = requestBody(messages, key);
      const parsed = texts.map((json) => JSON.parse(json));
      expect(JSON.parse(body)).toEqual(key ? { messages: parsed, encryptionKey: key } : { messages: parsed });
      const counted =
        requestOverheadBytes(key) + messages.reduce((n, m) => n + m.bytes, 0) + messages.length - 1;
      expect(new TextEncoder().encode(body).length).toBe(counted);
    }
    expect(requestBody([])).toBe('{"messages":[]}');
    expect(requestBody([], 'k')).toBe('{"messages":[],"encryptionKey":"k"}');
  });
});
