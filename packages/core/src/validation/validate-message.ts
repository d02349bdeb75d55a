import { contentTypeMatches } from '../bytes/content-type-matches.ts';
import { sniffContentType } from '../bytes/sniff-content-type.ts';
import {
  isMediaContentType,
  MEDIA_TYPES,
  mediaKindOf,
  normalizeContentType,
} from '../catalogs/media-types.ts';
import { base64DecodedLength } from '../internal/base64-decoded-length.ts';
import { decodeBase64Head } from '../internal/decode-base64-head.ts';
import { isObject } from '../internal/is-object.ts';
import { LIMITS } from '../limits.ts';
import { normalizeMsisdn } from '../phone/normalize-msisdn.ts';
import type { Issue, Result } from '../result.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import { checkTemplateParameters } from '../templates/check-template-parameters.ts';
import { TEMPLATE_NAME, type TemplateRegistry } from '../templates/define-templates.ts';
import { textLength } from '../text/text-length.ts';

/** Options of `validateMessage` and `validateSendRequest`. */
export interface ValidateOptions {
  /** Approved templates; with a registry, an unknown template or a wrong parameter count is 106. */
  readonly templates?: TemplateRegistry;
}

/** Options of `validateMessage` for one message of a request. */
export interface ValidateMessageOptions extends ValidateOptions {
  /** Where the message sits in `messages[]`; set on every issue. */
  readonly index?: number;
  /** Whether the request carries a top-level `encryptionKey` (the content is then ciphertext). */
  readonly encrypted?: boolean;
}

type Report = (
  message: string,
  code: number | undefined,
  path: string,
  severity?: Issue['severity'],
  rejectedAtDelivery?: true,
) => void;

const URL_IN_TEXT = /\bhttps?:\/\/\S/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const TRUE_OR_FALSE = /^\s*(true|false)\s*$/i;

const isRecord = (x: unknown): x is Record<string, unknown> => isObject(x) && !Array.isArray(x);

function checkText(m: Record<string, unknown>, encrypted: boolean, report: Report): void {
  const { content, previewFirstUrl } = m;
  if (typeof content !== 'string' || content.trim() === '') {
    const empty = content == null || typeof content === 'string';
    report(
      empty
        ? 'Text message content is empty'
        : `Text message content must be a string, not ${typeof content}`,
      100,
      'content',
    );
    return;
  }
  // Ciphertext length says nothing about the text the platform will decrypt, so only clear text is measured.
  if (!encrypted && textLength(content) > LIMITS.maxTextLength) {
    report(
      `Text is ${textLength(content)} characters (UTF-16 units: an emoji counts 2); the limit is ${LIMITS.maxTextLength}`,
      101,
      'content',
    );
  }
  // null is absent, as in the spec's samples (a nullable database column).
  if (previewFirstUrl == null) return;
  const preview = typeof previewFirstUrl === 'boolean' ? previewFirstUrl : undefined;
  if (
    preview === undefined &&
    !(typeof previewFirstUrl === 'string' && TRUE_OR_FALSE.test(previewFirstUrl))
  ) {
    report(
      'previewFirstUrl must be true or false ("True"/"False" are accepted too)',
      undefined,
      'previewFirstUrl',
    );
    return;
  }
  const on = preview ?? (previewFirstUrl as string).trim().toLowerCase() === 'true';
  if (on && !encrypted && !URL_IN_TEXT.test(content)) {
    report(
      'previewFirstUrl is set but the text has no http:// or https:// URL to preview',
      undefined,
      'previewFirstUrl',
      'warning',
    );
  }
}

function checkTemplate(
  m: Record<string, unknown>,
  encrypted: boolean,
  options: ValidateOptions,
  report: Report,
): void {
  const hsm = m.hsm;
  if (!isRecord(hsm) || typeof hsm.template !== 'string' || hsm.template.trim() === '') {
    report(
      'A template message needs hsm.template (the approved template name) and hsm.parameters',
      106,
      'hsm',
    );
    return;
  }
  const name = hsm.template;
  if (!TEMPLATE_NAME.test(name)) {
    report(
      `Template name "${name}" is not a WhatsApp template name (lowercase letters, digits, underscores)`,
      106,
      'hsm.template',
    );
    return;
  }
  const definition = options.templates?.get(name);
  if (options.templates && !definition) {
    report(`Template "${name}" is not one of the approved templates`, 106, 'hsm.template');
    return;
  }
  for (const i of checkTemplateParameters(hsm.parameters ?? {}, definition?.parameterCount)) {
    // Encrypted parameter values are ciphertext: whitespace rules apply to the clear text only.
    if (encrypted && i.severity === 'warning') continue;
    report(
      i.message,
      i.code,
      `hsm.${(i.path ?? ['parameters']).join('.')}`,
      i.severity,
      i.rejectedAtDelivery,
    );
  }
}

// What an encryption scheme may add to a file (an IV, a tag, padding): the limit is the clear file's.
const CIPHER_OVERHEAD_BYTES = 64;

function checkMedia(m: Record<string, unknown>, encrypted: boolean, report: Report): void {
  const declared = normalizeContentType(String(m.contentType));
  if (declared.startsWith('video/')) {
    report('Video is not supported; send it as a document or a link', 103, 'contentType');
    return;
  }
  const kind = mediaKindOf(declared);
  const listed = () => `one of ${Object.keys(MEDIA_TYPES).join(', ')}`;
  if (!kind) {
    report(`Content type "${declared}" is not supported; use ${listed()}`, 103, 'contentType');
    return;
  }
  if (!isMediaContentType(declared)) {
    // The spec's list is for reference: a type outside it may be one WhatsApp takes (audio/mpeg, image/webp).
    report(
      `Content type "${declared}" is not in the spec's list (${listed()}); the platform may refuse it with 103`,
      undefined,
      'contentType',
      'warning',
    );
  }
  const { content, caption, sha256Hash } = m;
  if (typeof content !== 'string' || content.trim() === '') {
    report('Media content (the base64 of the file) is empty', 100, 'content');
    return;
  }
  const bytes = base64DecodedLength(content);
  if (bytes === undefined) {
    report('Media content is not valid base64', 103, 'content');
    return;
  }
  if (bytes > LIMITS.maxMediaBytes + (encrypted ? CIPHER_OVERHEAD_BYTES : 0)) {
    report(`Media file is ${bytes} bytes; the limit is ${LIMITS.maxMediaBytes}`, 104, 'content');
  }
  if (caption != null && kind === 'audio') {
    report('A caption is not shown on audio (spec 7.1.5); leave it out', undefined, 'caption', 'warning');
  }
  if (encrypted) {
    if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
      report(
        'Encrypted media needs sha256Hash, the hex SHA-256 of the clear file (spec 6.1: required for encrypted media)',
        undefined,
        'sha256Hash',
      );
    }
    return;
  }
  const head = decodeBase64Head(content);
  const sniffed = head ? sniffContentType(head) : undefined;
  // The platform does not sniff at submission; bytes that contradict the type (even video-looking ones, which
  // include audio-only MP4 and WebM) fail at delivery if at all, so they are warnings.
  if (!contentTypeMatches(declared, sniffed)) {
    report(
      `Declared ${declared} but the bytes look like ${sniffed}; delivery may fail`,
      undefined,
      'contentType',
      'warning',
    );
  }
}

/**
 * Validates one outbound message as the platform would, returning a copy with `to` normalized to E.164 digits.
 * Every issue carries its section-8 code where one applies, and `messageIndex` when `index` is given.
 *
 * @example validateMessage({ to: '+27 99 900 0001', content: '' }) // fails: 100 Empty message content
 */
export function validateMessage(
  message: unknown,
  options: ValidateMessageOptions = {},
): Result<OutboundMessage> {
  const issues: Issue[] = [];
  const { index } = options;
  let failed = false;
  const report: Report = (text, code, path, severity = 'error', rejectedAtDelivery) => {
    if (severity === 'error') failed = true;
    issues.push({
      message: text,
      severity,
      ...(rejectedAtDelivery && { rejectedAtDelivery }),
      path: index === undefined ? path.split('.') : ['messages', index, ...path.split('.')],
      ...(code === undefined ? {} : { code }),
      ...(index === undefined ? {} : { messageIndex: index }),
    });
  };
  if (!isRecord(message)) {
    report('A message must be an object with "to" and content', undefined, '');
    return { success: false, issues };
  }
  const to = normalizeMsisdn(message.to);
  if (!to.success) for (const i of to.issues) report(i.message, i.code, 'to');
  if (message.clientMessageId != null && typeof message.clientMessageId !== 'string') {
    report('clientMessageId must be a string', undefined, 'clientMessageId');
  }
  const encrypted = Boolean(options.encrypted || message.encryptionKey);
  if (message.hsm != null) checkTemplate(message, encrypted, options, report);
  else if (typeof message.contentType === 'string' && message.contentType.trim() !== '')
    checkMedia(message, encrypted, report);
  else checkText(message, encrypted, report);

  if (failed) return { success: false, issues };
  const output = { ...message, to: (to as { output: string }).output } as OutboundMessage;
  return issues.length > 0 ? { success: true, output, issues } : { success: true, output };
}
