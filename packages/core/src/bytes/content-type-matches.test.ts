import { describe, expect, it } from 'vitest';
import { contentTypeMatches } from './content-type-matches.ts';

describe('contentTypeMatches', () => {
  it.each([
    ['image/jpeg', 'image/jpeg'],
    ['image/jpg', 'image/jpeg'],
    ['IMAGE/JPEG; charset=binary', 'image/jpeg'],
    ['image/png', 'image/png'],
    ['application/pdf', 'application/pdf'],
    ['application/msword', 'application/msword'],
    ['application/vnd.ms-excel', 'application/msword'],
    ['application/vnd.ms-powerpoint', 'application/msword'],
    ['audio/mp3', 'audio/mp3'],
    ['audio/mpeg', 'audio/mp3'],
    ['audio/aac', 'audio/aac'],
    ['audio/mp4', 'audio/mp4'],
    ['audio/amr', 'audio/amr'],
    ['audio/ogg; codecs=opus', 'audio/ogg'],
    ['video/mp4', 'video'],
  ] as const)('%s agrees with %s bytes', (declared, sniffed) => {
    expect(contentTypeMatches(declared, sniffed)).toBe(true);
  });

  it.each([
    ['image/png', 'image/jpeg'],
    ['image/jpeg', 'image/png'],
    ['application/pdf', 'application/msword'],
    ['application/msword', 'application/pdf'],
    ['audio/mp4', 'video'],
    ['audio/aac', 'audio/mp4'],
    ['audio/mp4', 'audio/aac'],
    ['audio/mp3', 'audio/ogg'],
    ['audio/ogg', 'audio/mp3'],
    ['audio/amr', 'audio/mp3'],
    ['image/jpeg', 'video'],
    ['', 'image/png'],
  ] as const)('%s contradicts %s bytes', (declared, sniffed) => {
    expect(contentTypeMatches(declared, sniffed)).toBe(false);
  });

  it('treats unrecognised bytes as agreeing with anything', () => {
    for (const declared of ['image/png', 'audio/mp3', 'application/x-whatever', '']) {
      expect(contentTypeMatches(declared, undefined)).toBe(true);
    }
  });

  it('does not throw on a declared type that is not a string', () => {
    expect(contentTypeMatches(undefined as unknown as string, 'image/png')).toBe(false);
  });
});
