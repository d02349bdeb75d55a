import { expect, it } from 'vitest';
import { isMediaType } from './is-media-type.ts';

it.each([
  'image/jpeg',
  'application/octet-stream; x="1"',
  'text/plain;charset=utf-8',
  'audio/ogg; codecs=opus',
])('takes %s', (type) => expect(isMediaType(type)).toBe(true));

it.each([
  'image/jpeg\u0000',
  'image/jpeg\r\nx-evil: 1',
  'jpeg',
  '',
  'image/',
  'image/jpeg; x="a\nb"',
  `image/${'a'.repeat(300)}`,
])('refuses %j', (type) => expect(isMediaType(type)).toBe(false));
