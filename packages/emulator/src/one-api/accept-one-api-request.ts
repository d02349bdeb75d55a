import { fromBase64, normalizeMsisdn } from '@clickwa/core';
import type { Integration } from '../integrations.ts';
import { encryptionStatus } from '../kms/encryption-status.ts';
import { parseMagicNumber } from '../magic-numbers.ts';
import type { Platform } from '../platform.ts';
import { plannedCallbacks, scheduleMessage } from '../schedule-message.ts';
import type { MessageRecord } from '../store.ts';
import type { MessageSummary } from '../summarize-message.ts';
import {
  globalError,
  messagesAnswer,
  type OneApiAnswer,
  type OneApiMessageResult,
  oneApiError,
} from './one-api-answer.ts';
import { oneApiStatusPath, planOneApiStatuses } from './one-api-lifecycle.ts';
import { ONE_API_MEDIA_LIMITS, oneApiMediaType } from './one-api-media-types.ts';

/** Messages per request (One API: "the maximum number of messages in a single batch call is 200"). */
export const ONE_API_MAX_MESSAGES = 200;

/** WhatsApp text length on One API, in UTF-16 code units as the core counts it. */
const MAX_TEXT = 4096;

type Rejection = { readonly code: number; readonly value?: string | number };
type Checked =
  | Rejection
  | { readonly to: string; readonly kind: MessageRecord['kind']; readonly summary: MessageSummary };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const blank = (x: unknown): boolean =>
  x === undefined || x === null || (typeof x === 'string' && x.trim() === '');

/** The recipient: 23 when it is not a number at all, 25 when it is not a valid one (One API's two codes). */
function recipient(to: unknown): { to: string } | Rejection {
  if (typeof to !== 'string' || !/^\s*\+?[\d\s().-]+$/.test(to)) return { code: 23, value: 'to' };
  const normalized = normalizeMsisdn(to);
  return normalized.success ? { to: normalized.output } : { code: 25, value: to.trim() };
}

/** A stored file this integration may send to `to`, or 33 "Media item not found". */
function fileFor(platform: Platform, integration: Integration, fileId: unknown, to: string) {
  const file =
    typeof fileId === 'string' ? platform.media.get(fileId.trim(), platform.options.now()) : undefined;
  if (!file || file.integrationId !== integration.id || (file.to !== null && file.to !== to))
    return undefined;
  return file;
}

function checkTemplate(
  platform: Platform,
  integration: Integration,
  m: Record<string, unknown>,
  to: string,
): Checked {
  const t = m.template;
  if (!isRecord(t) || blank(t.templateName) || typeof t.templateName !== 'string') {
    return { code: 23, value: 'template.templateName' };
  }
  const name = t.templateName.trim();
  const body = t.body;
  const raw = isRecord(body) ? body.parameters : undefined;
  if (body !== undefined && (!isRecord(body) || (raw !== undefined && !isRecord(raw)))) {
    return { code: 23, value: 'template.body.parameters' };
  }
  const parameters: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (typeof value !== 'string') return { code: 23, value: `template.body.parameters.${key}` };
    parameters[key] = value;
  }
  const { templates } = platform.options;
  const known = templates.get(name);
  if (!known) return { code: 23, value: 'template.templateName' };
  if (Object.keys(parameters).length !== known.parameterCount) {
    return { code: 23, value: 'template.body.parameters' };
  }
  const header = t.header;
  if (isRecord(header) && header.type === 'media') {
    const media = header.media;
    if (!fileFor(platform, integration, isRecord(media) ? media.fileId : undefined, to)) return { code: 33 };
  }
  const encrypted = !blank(m.encryptionKey);
  const rendered = encrypted ? null : (templates.render(name, parameters) ?? null);
  return {
    to,
    kind: 'template',
    summary: { kind: 'template', template: name, parameters, rendered, encrypted },
  };
}

function checkMedia(
  platform: Platform,
  integration: Integration,
  m: Record<string, unknown>,
  to: string,
): Checked {
  const encrypted = !blank(m.encryptionKey);
  const caption = str(m.caption) ?? null;
  if (isRecord(m.media)) {
    const file = fileFor(platform, integration, m.media.fileId, to);
    if (!file) return { code: 33 };
    const mediaCaption = str(m.media.caption) ?? caption;
    return {
      to,
      kind: 'media',
      summary: {
        kind: 'media',
        contentType: file.contentType,
        bytes: file.bytes.byteLength,
        caption: mediaCaption,
        sha256Hash: file.sha256Hash,
        encrypted,
      },
    };
  }
  const contentType = str(m.contentType)?.trim() ?? '';
  const type = oneApiMediaType(contentType);
  if (!type) return { code: 30 };
  const content = str(m.content)?.replace(/\s+/g, '');
  if (!content) return { code: 23, value: 'content' };
  // Sizes from the base64 length, before decoding: an oversize file is refused without the work.
  const padding = content.endsWith('==') ? 2 : content.endsWith('=') ? 1 : 0;
  const bytes = Math.floor((content.length * 3) / 4) - padding;
  if (bytes > ONE_API_MEDIA_LIMITS.inlineBytes) {
    return { code: 32, value: ONE_API_MEDIA_LIMITS.inlineBytes / 1e6 };
  }
  if (bytes > type.maxBytes) return { code: 31, value: type.maxBytes / 1e6 };
  if (!fromBase64(content).success) return { code: 23, value: 'content' };
  return {
    to,
    kind: 'media',
    summary: { kind: 'media', contentType, bytes, caption, sha256Hash: str(m.sha256Hash) ?? null, encrypted },
  };
}

/**
 * One message of a `POST /v1/message`: WhatsApp only (`channel` defaults to SMS, which an emulated WhatsApp
 * integration does not have: 38); a recipient (23 or 25); then a template, media by `fileId` (33 when the file
 * is unknown, expired, another integration's or restricted to another number), inline media (30 type, 32
 * Clickatell's 20 MB, 31 WhatsApp's per-type limit) or text (24 above 4096).
 */
function checkMessage(platform: Platform, integration: Integration, m: unknown): Checked {
  if (!isRecord(m)) return { code: 23, value: 'message' };
  if (str(m.channel)?.trim().toLowerCase() !== 'whatsapp') return { code: 38 };
  const target = recipient(m.to);
  if ('code' in target) return target;
  const { to } = target;
  if (
    m.clientMessageId !== undefined &&
    m.clientMessageId !== null &&
    typeof m.clientMessageId !== 'string'
  ) {
    return { code: 23, value: 'clientMessageId' };
  }
  if (m.template !== undefined && m.template !== null) return checkTemplate(platform, integration, m, to);
  if ((m.media !== undefined && m.media !== null) || !blank(m.contentType)) {
    return checkMedia(platform, integration, m, to);
  }
  const content = str(m.content);
  if (content === undefined || content === '') return { code: 23, value: 'content' };
  const encrypted = !blank(m.encryptionKey);
  if (!encrypted && content.length > MAX_TEXT) return { code: 24 };
  const previewFirstUrl = m.previewFirstUrl === true;
  return { to, kind: 'text', summary: { kind: 'text', content, previewFirstUrl, encrypted } };
}

type Candidate = {
  readonly index: number;
  readonly checked: Exclude<Checked, Rejection>;
  plan: readonly number[];
  readonly input: Record<string, unknown>;
  readonly autoReply: boolean;
  readonly clientMessageId: string | null;
};

/** The fields encryption touches, from One API's form: a template's parameters are under `template.body`. */
function asEncryptedFields(m: Record<string, unknown>) {
  const template = isRecord(m.template) ? m.template : undefined;
  const body = template && isRecord(template.body) ? template.body : undefined;
  return {
    content: m.content,
    caption: m.caption,
    contentType: m.contentType,
    sha256Hash: m.sha256Hash,
    encryptionKey: m.encryptionKey,
    hsm: template ? { parameters: isRecord(body?.parameters) ? body.parameters : {} } : null,
  };
}

/**
 * Decides a `POST /v1/message` body that passed authentication: 21 for a body that is not
 * `{ messages: [...] }` or uses the retired `hsm` form, 22 above 200 messages, then each message by
 * `checkMessage` and the magic numbers; the rest is accepted, recorded and scheduled. Past the
 * pending-callback bound the whole request answers 503 with 19 ("please retry") and nothing is recorded.
 */
export async function acceptOneApiRequest(
  platform: Platform,
  integration: Integration,
  json: unknown,
): Promise<OneApiAnswer> {
  const { options, store, dispatcher } = platform;
  if (!isRecord(json) || !Array.isArray(json.messages) || json.messages.length === 0) return globalError(21);
  const raw = json.messages;
  if (raw.length > ONE_API_MAX_MESSAGES) return globalError(22);
  if (raw.some((m) => isRecord(m) && m.hsm !== undefined && m.hsm !== null)) return globalError(21);
  const now = options.now();
  const results: OneApiMessageResult[] = new Array(raw.length);
  const candidates: Candidate[] = [];
  let callbacks = 0;
  const echo = (clientMessageId: string | null) =>
    options.oneApi.echoClientMessageId && clientMessageId !== null ? { clientMessageId } : {};
  raw.forEach((input, index) => {
    const clientMessageId =
      isRecord(input) && typeof input.clientMessageId === 'string' ? input.clientMessageId : null;
    const rawTo = isRecord(input) && typeof input.to === 'string' ? input.to : '';
    const reject = (code: number, value?: string | number, to = rawTo) => {
      results[index] = { accepted: false, to, error: oneApiError(code, value), ...echo(clientMessageId) };
    };
    const checked = checkMessage(platform, integration, input);
    if ('code' in checked) {
      reject(checked.code, checked.value);
      return;
    }
    const magic = parseMagicNumber(checked.to);
    if (magic?.kind === 'reject') {
      reject(magic.errorCode, checked.to, checked.to);
      return;
    }
    const plan = planOneApiStatuses({
      magic,
      sandboxBlocked: integration.sandbox && !magic && !integration.testPhones.has(checked.to),
      outsideCareWindow:
        options.careWindow &&
        checked.kind !== 'template' &&
        !platform.careWindows.isOpen(integration.id, checked.to, now),
    });
    const autoReply = magic?.kind === 'auto-reply';
    callbacks += plannedCallbacks(platform, integration, plan.length, autoReply);
    candidates.push({
      index,
      checked,
      plan,
      autoReply,
      clientMessageId,
      input: input as Record<string, unknown>,
    });
  });
  // Encrypted content is read as the platform reads it before WhatsApp: what it cannot read ends in 60, 61 or 32.
  await Promise.all(
    candidates.map(async (c) => {
      const failed = await encryptionStatus(options.kms, asEncryptedFields(c.input), undefined, 'one');
      if (failed !== undefined) c.plan = oneApiStatusPath(failed);
    }),
  );
  if (
    callbacks > 0 &&
    dispatcher.pending > 0 &&
    dispatcher.pending + callbacks > options.maxPendingCallbacks
  ) {
    return globalError(19);
  }
  const ids = platform.random('ids');
  for (const { index, checked, plan, autoReply, clientMessageId } of candidates) {
    const record: MessageRecord = {
      messageId: ids.hex(32),
      clientMessageId,
      integration: { id: integration.id, name: integration.name },
      to: checked.to,
      kind: checked.kind,
      summary: checked.summary,
      acceptedAt: now,
      plannedStatuses: plan,
      statuses: [],
      deliveries: [],
    };
    store.addMessage(record);
    scheduleMessage(platform, integration, record, autoReply);
    results[index] = {
      apiMessageId: record.messageId,
      accepted: true,
      to: record.to,
      error: null,
      ...echo(clientMessageId),
    };
  }
  for (const r of results) if (r.error) store.countError(r.error.code, 1);
  store.counters.rejectedMessages += raw.length - candidates.length;
  if (options.oneApi.shuffleAnswers) {
    const random = platform.random('schedule');
    for (let i = results.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [results[i], results[j]] = [results[j]!, results[i]!];
    }
  }
  return messagesAnswer(results, options.oneApi.multiStatus);
}
