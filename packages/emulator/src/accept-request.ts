import {
  type Issue,
  isMediaContentType,
  messageKind,
  normalizeContentType,
  type OutboundMessage,
  validateMessage,
  validateSendRequest,
} from '@clickwa/core';
import type { Integration } from './integrations.ts';
import { encryptionStatus } from './kms/encryption-status.ts';
import { planStatuses, statusPath } from './lifecycle.ts';
import { parseMagicNumber } from './magic-numbers.ts';
import type { Platform } from './platform.ts';
import { plannedCallbacks, scheduleMessage } from './schedule-message.ts';
import {
  acceptedResult,
  type MessageResult,
  rejectedResult,
  requestError,
  type SendAnswer,
} from './send-answer.ts';
import type { MessageRecord } from './store.ts';
import { summarizeMessage } from './summarize-message.ts';

/**
 * The code of a structural error the core reports without one (a message that is not an object, a
 * `clientMessageId` that is not a string, a `previewFirstUrl` that is neither true nor false, an
 * `encryptionKey` that is not a string). Section 8 has no closer code; 900 "Internal error" is what a
 * platform that cannot deserialize a field answers, and it is not retryable, which is right: the same
 * request fails again.
 */
export const STRUCTURAL_ERROR_CODE = 900;

type Candidate = {
  readonly index: number;
  readonly message: OutboundMessage;
  plan: readonly number[];
  readonly autoReply: boolean;
};

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const clientIdOf = (m: unknown): string | null =>
  isRecord(m) && typeof m.clientMessageId === 'string' ? m.clientMessageId : null;
const rawTo = (m: unknown): string => (isRecord(m) && typeof m.to === 'string' ? m.to : '');

function firstErrors(issues: readonly Issue[]): { request: Issue | undefined; byIndex: Map<number, Issue> } {
  let request: Issue | undefined;
  const byIndex = new Map<number, Issue>();
  for (const i of issues) {
    if (i.severity !== 'error') continue;
    if (i.messageIndex === undefined) {
      // A coded request error (102, 153, 105) says more than an uncoded one, so it wins.
      if (!request || (request.code === undefined && i.code !== undefined)) request = i;
    } else if (!byIndex.has(i.messageIndex)) byIndex.set(i.messageIndex, i);
  }
  return { request, byIndex };
}

/**
 * Decides a send request that passed authentication: validates it with the core, answers each rejected
 * message with its section-8 code, and accepts the rest (recording them and scheduling their lives).
 * Request-level errors reject everything; when the pending-callback bound would be passed, the whole request
 * answers 901 (retryable) and nothing is recorded.
 */
export async function acceptRequest(
  platform: Platform,
  integration: Integration,
  json: unknown,
  clientIp: string | undefined,
): Promise<SendAnswer> {
  const { options, store, dispatcher } = platform;
  const checked = validateSendRequest(json, { templates: options.templates });
  const { request, byIndex } = checked.success
    ? { request: undefined, byIndex: new Map<number, Issue>() }
    : firstErrors(checked.issues);
  if (request) return requestError(request.code ?? STRUCTURAL_ERROR_CODE);
  const raw = (json as { messages: unknown[]; encryptionKey?: unknown }).messages;
  const { encryptionKey } = json as { encryptionKey?: unknown };
  const encrypted = typeof encryptionKey === 'string' && encryptionKey !== '';
  const now = options.now();
  const results: MessageResult[] = new Array(raw.length);
  const candidates: Candidate[] = [];
  let callbacks = 0;
  raw.forEach((input, index) => {
    const error = byIndex.get(index);
    if (error) {
      results[index] = rejectedResult(
        error.code ?? STRUCTURAL_ERROR_CODE,
        clientIdOf(input),
        rawTo(input),
        rawTo(input),
      );
      return;
    }
    const message = checked.success
      ? checked.output.messages[index]!
      : (
          validateMessage(input, { templates: options.templates, index, encrypted }) as {
            output: OutboundMessage;
          }
        ).output;
    // The core only warns about a media type outside the spec's list (the real platform may take it); the
    // emulator takes the strict reading, so a test shows what such a message may meet.
    if (
      messageKind(message) === 'media' &&
      !isMediaContentType(normalizeContentType((message as { contentType: string }).contentType))
    ) {
      results[index] = rejectedResult(103, clientIdOf(input), message.to, message.to);
      return;
    }
    const magic = parseMagicNumber(message.to);
    if (magic?.kind === 'reject') {
      const value = magic.errorCode === 109 ? (clientIp ?? 'unknown') : message.to;
      results[index] = rejectedResult(magic.errorCode, clientIdOf(input), message.to, value);
      return;
    }
    const plan = planStatuses({
      magic,
      sandboxBlocked: integration.sandbox && !magic && !integration.testPhones.has(message.to),
      outsideCareWindow:
        options.careWindow &&
        messageKind(message) !== 'template' &&
        !platform.careWindows.isOpen(integration.id, message.to, now),
    });
    const autoReply = magic?.kind === 'auto-reply';
    callbacks += plannedCallbacks(platform, integration, plan.length, autoReply);
    candidates.push({ index, message, plan, autoReply });
  });
  // Encrypted content is read as the platform reads it before WhatsApp: what it cannot read ends in 40, 41 or 32.
  const requestKey = encrypted ? encryptionKey : undefined;
  await Promise.all(
    candidates.map(async (c) => {
      const failed = await encryptionStatus(options.kms, c.message, requestKey, 'wa');
      if (failed !== undefined) c.plan = statusPath(failed);
    }),
  );
  // A request that alone exceeds the bound still passes when nothing is pending, so progress is always possible.
  if (
    callbacks > 0 &&
    dispatcher.pending > 0 &&
    dispatcher.pending + callbacks > options.maxPendingCallbacks
  ) {
    return requestError(901);
  }
  const ids = platform.random('ids');
  for (const { index, message, plan, autoReply } of candidates) {
    const record: MessageRecord = {
      messageId: ids.hex(32),
      clientMessageId: message.clientMessageId ?? null,
      integration: { id: integration.id, name: integration.name },
      to: message.to,
      kind: messageKind(message),
      summary: summarizeMessage(message, encrypted || Boolean(message.encryptionKey), options.templates),
      acceptedAt: now,
      plannedStatuses: plan,
      statuses: [],
      deliveries: [],
    };
    store.addMessage(record);
    scheduleMessage(platform, integration, record, autoReply);
    results[index] = acceptedResult(record.messageId, record.clientMessageId, record.to);
  }
  for (const r of results) if (r.errorCode !== null) store.countError(r.errorCode, 1);
  store.counters.rejectedMessages += raw.length - candidates.length;
  return { status: 202, body: { error: null, errorCode: null, messages: results } };
}
