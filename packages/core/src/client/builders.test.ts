import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes/base64.ts';
import { validateMessage } from '../validation/validate-message.ts';
import { media, template, text } from './builders.ts';
import { UsageError } from './errors.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const MP3 = new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
const MP4_VIDEO = new Uint8Array([
  0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0, 0x69, 0x73, 0x6f, 0x6d,
]);

describe('text', () => {
  it('builds the spec JSON, leaving out unset options', () => {
    expect(text('27999000001', 'Hi')).toEqual({ to: '27999000001', content: 'Hi' });
    expect(
      text('27999000001', 'See https://x.io', { previewFirstUrl: true, clientMessageId: 'id1' }),
    ).toEqual({
      to: '27999000001',
      content: 'See https://x.io',
      previewFirstUrl: true,
      clientMessageId: 'id1',
    });
  });
});

describe('template', () => {
  it('numbers list parameters from 1', () => {
    expect(template('27999000001', 'payment_alert', ['$150', '1234'])).toEqual({
      to: '27999000001',
      hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } },
    });
    expect(template('27999000001', 'hello', { 1: 'x' }, { clientMessageId: 'c' })).toMatchObject({
      hsm: { parameters: { 1: 'x' } },
      clientMessageId: 'c',
    });
    expect(validateMessage(template('27999000001', 'payment_alert', ['$150', '1234'])).success).toBe(true);
  });
});

describe('media', () => {
  it('encodes bytes and sniffs the type', () => {
    const m = media('27999000001', PNG, { caption: 'Receipt' });
    expect(m).toEqual({
      to: '27999000001',
      contentType: 'image/png',
      content: toBase64(PNG),
      caption: 'Receipt',
    });
    expect(validateMessage(m).success).toBe(true);
    expect(media('27999000001', toBase64(MP3)).contentType).toBe('audio/mp3');
  });

  it('keeps a given type, normalized', () => {
    expect(
      media('27999000001', new Uint8Array([1, 2, 3, 4]), { contentType: 'Application/PDF; x=y' }).contentType,
    ).toBe('application/pdf');
  });

  it('refuses captions on audio and bytes it cannot type; leaves video to the API', () => {
    // An .m4a shares video's container: the error says how to send it as video or as audio.
    expect(() => media('27999000001', MP4_VIDEO)).toThrow(UsageError);
    expect(() => media('27999000001', MP4_VIDEO)).toThrow(/"video\/mp4" \(One API only\).*"audio\/mp4"/);
    // Video is One API's: the legacy API's validation refuses it with 103, One API's takes it.
    const video = media('27999000001', MP4_VIDEO, { contentType: 'video/mp4' });
    expect(validateMessage(video).issues?.[0]?.code).toBe(103);
    expect(validateMessage(video, { api: 'one' })).toMatchObject({ success: true });
    // A type given as "video" is the caller's word, not a reading of the bytes: validation answers it (103).
    expect(media('27999000001', PNG, { contentType: 'video' }).contentType).toBe('video');
    expect(validateMessage(media('27999000001', PNG, { contentType: 'video' })).issues?.[0]?.code).toBe(103);
    expect(() => media('27999000001', MP3, { caption: 'song' })).toThrow(/caption/);
    expect(() => media('27999000001', MP3, { contentType: 'audio/mpeg', caption: 'song' })).toThrow(
      /caption/,
    );
    expect(() => media('27999000001', new Uint8Array([1, 2, 3, 4]))).toThrow(UsageError);
    expect(() => media('27999000001', 42 as never)).toThrow(UsageError);
  });

  it('puts an encryptionKey and a clientMessageId in the message when given (spec 7.1.6.3)', () => {
    const key = { encryptionKey: 'OeVmffKt3dLl', clientMessageId: 'c1' };
    expect(text('27999000001', 'cipher', key)).toEqual({ to: '27999000001', content: 'cipher', ...key });
    expect(template('27999000001', 'alert', ['x'], key)).toMatchObject(key);
    const m = media('27999000001', PNG, { ...key, sha256Hash: 'a'.repeat(64) });
    expect(m).toMatchObject({ ...key, contentType: 'image/png', sha256Hash: 'a'.repeat(64) });
    expect(validateMessage(m).success).toBe(true);
  });

  it('takes a declared audio type for bytes that look like video (audio-only MP4 shares the container)', () => {
    const m = media('27999000001', MP4_VIDEO, { contentType: 'audio/mp4' });
    expect(m.contentType).toBe('audio/mp4');
    expect(validateMessage(m).success).toBe(true);
  });
});

describe('text: options as given', () => {
  it('keeps an explicit previewFirstUrl: false', () => {
    expect(text('27999000001', 'See https://x.io', { previewFirstUrl: false })).toEqual({
      to: '27999000001',
      content: 'See https://x.io',
      previewFirstUrl: false,
    });
  });
});
