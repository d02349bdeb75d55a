import type { ClickatellApi } from '../api.ts';
import { contentTypeMatches } from '../bytes/content-type-matches.ts';
import { sniffContentType } from '../bytes/sniff-content-type.ts';
import { MEDIA_TYPES, mediaKindOf, normalizeContentType } from '../catalogs/media-types.ts';
import {
  ONE_API_MEDIA_TYPES,
  type OneApiMediaKind,
  oneApiMediaKindOf,
} from '../catalogs/one-api-media-types.ts';
import { base64DecodedLength } from '../internal/base64-decoded-length.ts';
import { decodeBase64Head } from '../internal/decode-base64-head.ts';
import { isObject } from '../internal/is-object.ts';
import { LIMITS, ONE_API_LIMITS } from '../limits.ts';
import { normalizeMsisdn } from '../phone/normalize-msisdn.ts';
import type { Issue, Result } from '../result.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import { checkTemplateParameters } from '../templates/check-template-parameters.ts';
import { TEMPLATE_NAME, type TemplateRegistry } from '../templates/define-templates.ts';
import { textLength } from '../text/text-length.ts';
import { ONE_API_ISSUE_CODES } from './one-api-issue-codes.ts';

/** Options of `validateMessage` and `validateSendRequest`. */
export interface ValidateOptions {
  /** Approved templates; with a registry, an unknown template or a wrong parameter count is 106. */
  readonly templates?: TemplateRegistry;
  /**
   * The API the message goes to: `wa` (default) or `one`, whose limits and media types differ and whose issues
   * carry One API's error codes (`ONE_API_ISSUE_CODES`).
   */
  readonly api?: ClickatellApi;
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

// What each API takes as media: the kinds of content types it lists, and the largest file sent inline.
const MEDIA_RULES = {
  wa: {
    kindOf: mediaKindOf,
    listed: MEDIA_TYPES as Record<string, string>,
    maxBytes: (_: string) => LIMITS.maxMediaBytes,
  },
  one: {
    kindOf: oneApiMediaKindOf,
    listed: ONE_API_MEDIA_TYPES as Record<string, string>,
    maxBytes: (kind: string) => ONE_API_LIMITS.maxInlineMediaBytes[kind as OneApiMediaKind],
  },
} as const;

function checkMedia(
  m: Record<string, unknown>,
  encrypted: boolean,
  api: ClickatellApi,
  report: Report,
): void {
  const rules = MEDIA_RULES[api];
  const declared = normalizeContentType(String(m.contentType));
  if (api === 'wa' && declared.startsWith('video/')) {
    report(
      'Video is not supported by this API (One API takes it); send it as a document or a link',
      103,
      'contentType',
    );
    return;
  }
  const kind = rules.kindOf(declared);
  const listed = () => `one of ${Object.keys(rules.listed).join(', ')}`;
  if (!kind) {
    report(`Content type "${declared}" is not supported; use ${listed()}`, 103, 'contentType');
    return;
  }
  if (!Object.hasOwn(rules.listed, declared)) {
    // The list is for reference: a type outside it may be one WhatsApp takes (audio/mpeg, image/webp).
    report(
      `Content type "${declared}" is not in the API's list (${listed()}); the platform may refuse it`,
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
  const maxBytes = rules.maxBytes(kind);
  if (bytes > maxBytes + (encrypted ? CIPHER_OVERHEAD_BYTES : 0)) {
    report(`Media file is ${bytes} bytes; the limit is ${maxBytes}`, 104, 'content');
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

// A file uploaded to One API (`uploadMedia`), sent by its id.
function checkMediaFile(m: Record<string, unknown>, api: ClickatellApi, report: Report): void {
  if (api === 'wa') {
    report('Media by fileId needs One API; the legacy API takes the file inline', 103, 'fileId');
    return;
  }
  if (typeof m.fileId !== 'string' || m.fileId.trim() === '')
    report('fileId must be the id uploadMedia returned', 100, 'fileId');
  const { contentType, caption } = m;
  if (
    contentType != null &&
    (typeof contentType !== 'string' || !oneApiMediaKindOf(normalizeContentType(contentType)))
  )
    report(`Content type "${String(contentType)}" is not a media type`, 103, 'contentType');
  else if (
    caption != null &&
    typeof contentType === 'string' &&
    normalizeContentType(contentType).startsWith('audio/')
  )
    report('A caption is not shown on audio; leave it out', undefined, 'caption', 'warning');
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
  const { index, api = 'wa' } = options;
  let failed = false;
  const report: Report = (text, legacyCode, path, severity = 'error', rejectedAtDelivery) => {
    if (severity === 'error') failed = true;
    const code = api === 'one' && legacyCode !== undefined ? ONE_API_ISSUE_CODES[legacyCode] : legacyCode;
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
  else if (message.fileId != null) checkMediaFile(message, api, report);
  else if (typeof message.contentType === 'string' && message.contentType.trim() !== '')
    checkMedia(message, encrypted, api, report);
  else checkText(message, encrypted, report);

  if (failed) return { success: false, issues };
  const output = { ...message, to: (to as { output: string }).output } as OutboundMessage;
  return issues.length > 0 ? { success: true, output, issues } : { success: true, output };
}
