import { describe, expect, it } from 'vitest';
import { sample } from '../../test/fixtures.ts';
import { LIMITS } from '../limits.ts';
import { defineTemplates } from '../templates/define-templates.ts';
import { validateSendRequest } from './validate-send-request.ts';

const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1,
]).toString('base64');
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]).toString('base64');
const templates = defineTemplates({
  payment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}',
});

const one = (message: Record<string, unknown>, options = {}) =>
  validateSendRequest({ messages: [message] }, options);
const codes = (result: ReturnType<typeof validateSendRequest>) =>
  (result.issues ?? []).filter((i) => i.severity === 'error').map((i) => i.code);
const warnings = (result: ReturnType<typeof validateSendRequest>) =>
  (result.issues ?? []).filter((i) => i.severity === 'warning').map((i) => i.message);

describe('validateSendRequest on the spec samples', () => {
  it.each([
    '7.1.1-send-text.request.json',
    '7.1.3-send-url-preview.request.json',
    '7.1.4-send-template.request.json',
    '7.1.6.1-send-encrypted-text.request.json',
    '7.1.6.2-send-encrypted-template.request.json',
  ])('accepts %s', (name) => {
    const result = validateSendRequest(sample(name), { templates });
    expect(result.issues ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('7.1.5: flags JPEG bytes labelled image/png as a warning, not an error', () => {
    const request = sample('7.1.5-send-media.request.json') as { messages: { content: string }[] };
    request.messages[0]!.content = JPEG;
    const result = validateSendRequest(request);
    expect(result.success).toBe(true);
    expect(warnings(result)).toEqual([expect.stringMatching(/image\/png.*image\/jpeg/)]);
  });

  it("7.1.5 as printed: the spec's elided base64 is not base64", () => {
    expect(codes(validateSendRequest(sample('7.1.5-send-media.request.json')))).toEqual([103]);
  });

  it('7.1.6.3: encrypted media is not sniffed and keeps its sha256Hash', () => {
    const request = sample('7.1.6.3-send-encrypted-media.request.json') as {
      messages: { content: string }[];
    };
    request.messages[0]!.content = Buffer.from('ciphertext bytes').toString('base64');
    const result = validateSendRequest(request);
    expect(result.success && result.issues).toBeUndefined();
  });
});

describe('validateSendRequest codes', () => {
  it('102: no messages', () => {
    for (const request of [{}, { messages: [] }, null, 'x', { messages: 'x' }]) {
      expect(codes(validateSendRequest(request))).toEqual([102]);
    }
  });

  it('153: more than 200 messages', () => {
    const messages = Array.from({ length: LIMITS.maxMessagesPerRequest + 1 }, () => ({
      to: '27999000001',
      content: 'x',
    }));
    expect(codes(validateSendRequest({ messages }))).toEqual([153]);
    expect(validateSendRequest({ messages: messages.slice(1) }).success).toBe(true);
  });

  it('100: empty content, text or media', () => {
    expect(codes(one({ to: '27999000001', content: '' }))).toEqual([100]);
    expect(codes(one({ to: '27999000001', content: '   ' }))).toEqual([100]);
    expect(codes(one({ to: '27999000001' }))).toEqual([100]);
    expect(codes(one({ to: '27999000001', contentType: 'image/png', content: '' }))).toEqual([100]);
  });

  it('101: text over 4096 characters, counted in UTF-16 units', () => {
    expect(one({ to: '27999000001', content: 'a'.repeat(4096) }).success).toBe(true);
    expect(codes(one({ to: '27999000001', content: 'a'.repeat(4097) }))).toEqual([101]);
    expect(codes(one({ to: '27999000001', content: '👋'.repeat(2049) }))).toEqual([101]);
  });

  it("103: video and what is no media type; a type outside the spec's list only warns", () => {
    expect(codes(one({ to: '27999000001', contentType: 'video/mp4', content: JPEG }))).toEqual([103]);
    expect(codes(one({ to: '27999000001', contentType: 'movie', content: JPEG }))).toEqual([103]);
    // The spec's list is "for reference": audio/mpeg (MP3's registered name) or a DOCX may well go through.
    for (const contentType of ['audio/mpeg', 'image/webp', 'image/gif']) {
      const unlisted = one({ to: '27999000001', contentType, content: JPEG });
      expect(unlisted.success).toBe(true);
      expect(warnings(unlisted)).toContainEqual(
        expect.stringMatching(/not in the API's list.*may refuse it/),
      );
    }
    const mp3Caption = one({ to: '27999000001', contentType: 'audio/mpeg', content: JPEG, caption: 'x' });
    expect(warnings(mp3Caption)).toContainEqual(expect.stringMatching(/caption is not shown on audio/));
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]).toString('base64');
    const result = one({ to: '27999000001', contentType: 'audio/ogg', content: webm });
    expect(result.success).toBe(true);
    expect(warnings(result)).toEqual([expect.stringMatching(/audio\/ogg.*video/)]);
  });

  it('104: media over 1 MB, measured on the decoded bytes', () => {
    const exact = Buffer.alloc(LIMITS.maxMediaBytes, 0);
    exact.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(
      one({ to: '27999000001', contentType: 'image/png', content: exact.toString('base64') }).success,
    ).toBe(true);
    const over = Buffer.concat([exact, Buffer.alloc(1)]);
    expect(
      codes(one({ to: '27999000001', contentType: 'image/png', content: over.toString('base64') })),
    ).toEqual([104]);
  });

  it('105: request body over 20 MB, measured on the serialized bytes', () => {
    const big = Buffer.alloc(900_000, 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const content = big.toString('base64');
    const message = { to: '27999000001', contentType: 'image/png', content };
    expect(validateSendRequest({ messages: Array(16).fill(message) }).success).toBe(true);
    expect(codes(validateSendRequest({ messages: Array(17).fill(message) }))).toEqual([105]);
  });

  it('106: unknown template, wrong parameter count, malformed hsm', () => {
    const hsm = (template: string, parameters: Record<string, string>) => ({
      to: '27999000001',
      hsm: { template, parameters },
    });
    expect(one(hsm('payment_alert', { '1': '$150', '2': '1234' }), { templates }).success).toBe(true);
    expect(codes(one(hsm('unknown_template', {}), { templates }))).toEqual([106]);
    expect(codes(one(hsm('payment_alert', { '1': '$150' }), { templates }))).toEqual([106]);
    expect(codes(one(hsm('Payment Alert', {})))).toEqual([106]);
    expect(codes(one({ to: '27999000001', hsm: 'payment_alert' }))).toEqual([106]);
    // Without a registry any well-formed name passes: only the platform knows what is approved.
    expect(one(hsm('unknown_template', {})).success).toBe(true);
  });

  it.each([
    ['0821234567', 150],
    ['9991234567', 150],
    ['2799900000000001', 151],
    ['27999', 152],
    ['27-abc', 158],
    [undefined, 158],
  ])('phone %s gets %i', (to, code) => {
    const result = one({ to, content: 'hi' });
    expect(codes(result)).toEqual([code]);
    expect(result.issues?.[0]).toMatchObject({ messageIndex: 0, path: ['messages', 0, 'to'] });
  });

  it('normalizes `to` in the output and reports the index of each bad message', () => {
    const result = validateSendRequest({
      messages: [
        { to: '+27 99 900-0001', content: 'ok' },
        { to: '27999000002', content: '' },
        { to: '0027999000003', content: 'ok' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.issues).toMatchObject([{ code: 100, messageIndex: 1, path: ['messages', 1, 'content'] }]);
    const good = validateSendRequest({ messages: [{ to: '+27 99 900-0001', content: 'ok' }] });
    expect(good.success && good.output.messages[0]?.to).toBe('27999000001');
  });
});

describe('validateSendRequest warnings (accepted by the platform)', () => {
  it('caption on audio', () => {
    const ogg = Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0').toString('base64');
    const result = one({ to: '27999000001', contentType: 'audio/ogg', content: ogg, caption: 'listen' });
    expect(result.success).toBe(true);
    expect(warnings(result)).toEqual([expect.stringMatching(/caption/i)]);
  });

  it('previewFirstUrl without a URL; "True"/"false" strings in any case are accepted', () => {
    expect(warnings(one({ to: '27999000001', content: 'no link here', previewFirstUrl: 'TRUE' }))).toEqual([
      expect.stringMatching(/URL/),
    ]);
    expect(
      one({ to: '27999000001', content: 'see https://x.io', previewFirstUrl: true }).issues,
    ).toBeUndefined();
    expect(one({ to: '27999000001', content: 'no link', previewFirstUrl: 'false' }).issues).toBeUndefined();
    expect(codes(one({ to: '27999000001', content: 'x', previewFirstUrl: 'yes' }))).toEqual([undefined]);
  });

  it('template parameter whitespace', () => {
    const result = one({
      to: '27999000001',
      hsm: { template: 'payment_alert', parameters: { '1': 'a\nb', '2': 'c' } },
    });
    expect(result.success).toBe(true);
    expect(warnings(result)).toHaveLength(1);
    // The one warning WhatsApp is certain to refuse at delivery is marked so, with where it is.
    expect(result.issues).toMatchObject([
      {
        code: 106,
        rejectedAtDelivery: true,
        messageIndex: 0,
        path: ['messages', 0, 'hsm', 'parameters', '1'],
      },
    ]);
  });

  it('marks no other warning rejectedAtDelivery: a content type the bytes contradict may still be delivered', () => {
    const ogg = Buffer.from('OggS\0\x02\0\0\0\0\0\0\0\0').toString('base64');
    const results = [
      one({ to: '27999000001', contentType: 'audio/ogg', content: ogg, caption: 'listen' }),
      one({ to: '27999000001', contentType: 'image/png', content: JPEG }),
      one({ to: '27999000001', content: 'no link here', previewFirstUrl: true }),
      one({ to: '27999000001', contentType: 'image/webp', content: PNG }),
    ];
    const issues = results.flatMap((r) => r.issues ?? []);
    expect(issues.length).toBeGreaterThanOrEqual(4);
    expect(issues.filter((i) => i.rejectedAtDelivery)).toEqual([]);
  });

  it('repeated clientMessageId', () => {
    const m = { to: '27999000001', content: 'x', clientMessageId: 'same' };
    expect(warnings(validateSendRequest({ messages: [m, m] }))).toEqual([expect.stringMatching(/repeats/)]);
  });

  it('encrypted media without sha256Hash, which the spec requires (6.1)', () => {
    const result = one({ to: '27999000001', contentType: 'image/png', content: PNG, encryptionKey: 'AQID' });
    expect(result.success).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/sha256Hash.*required/) }),
    ]);
    const hashed = { to: '27999000001', contentType: 'image/png', content: PNG, encryptionKey: 'AQID' };
    expect(one({ ...hashed, sha256Hash: 'a'.repeat(64) }).success).toBe(true);
  });

  it("allows encrypted media a cipher's overhead over the clear file's limit", () => {
    const encrypted = {
      to: '27999000001',
      contentType: 'image/png',
      encryptionKey: 'AQID',
      sha256Hash: 'a'.repeat(64),
    };
    // AES-GCM adds a 12-byte IV and a 16-byte tag to a file of exactly the limit.
    const gcm = Buffer.alloc(LIMITS.maxMediaBytes + 28, 1).toString('base64');
    expect(one({ ...encrypted, content: gcm }).success).toBe(true);
    const over = Buffer.alloc(LIMITS.maxMediaBytes + 1_000, 1).toString('base64');
    expect(codes(one({ ...encrypted, content: over }))).toEqual([104]);
  });

  it("takes null for an absent hsm or previewFirstUrl, as the spec's samples write absent values", () => {
    expect(one({ to: '27999000001', content: 'hello', hsm: null, previewFirstUrl: null }).success).toBe(true);
  });
});
