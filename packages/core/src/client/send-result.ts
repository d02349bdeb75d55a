import type { SendResponseMessage } from '../parse-send-response.ts';
import type { Issue } from '../result.ts';
import type { ClickwaError } from './errors.ts';

/**
 * What became of a message:
 * - `accepted`: the platform took it (`messageId` set);
 * - `rejected`: the platform, or the client's validation, refused it; nothing was accepted;
 * - `unknown`: the request may have reached the platform but the answer was lost (timeout, reset, 5xx):
 *   check the status callbacks or your Clickatell reports before sending again;
 * - `not-sent`: the client stopped before sending it (the caller aborted, or an error such as an invalid
 *   key that every later request would hit too); sending it again is safe.
 */
export type SendOutcome = 'accepted' | 'rejected' | 'unknown' | 'not-sent';

/** The result for one input message, from `client.send` and `client.sendAll`. */
export interface SendResult {
  /** Position of the message in the input (array index, or order read from the iterable). */
  readonly index: number;
  /** The id the message was sent with: the caller's, or one the client assigned. */
  readonly clientMessageId: string;
  /** The destination: normalized to international digits when the message was valid. */
  readonly to: string;
  readonly outcome: SendOutcome;
  /** `outcome === 'accepted'`. */
  readonly accepted: boolean;
  /** The platform's id for the message, when accepted; status callbacks carry it. */
  readonly messageId?: string;
  /** Why it was not accepted: `code`, `description`, `retryable` (safe to send again later). */
  readonly error?: ClickwaError;
  /** Problems that did not stop the message (spec rules the platform does not enforce at submission). */
  readonly warnings?: readonly Issue[];
}

/** The parts of a message a result is made from. */
export interface MessageRef {
  readonly index: number;
  readonly clientMessageId: string;
  readonly to: string;
  readonly warnings?: readonly Issue[];
}

/** Builds a result; optional fields are left out rather than set to undefined, for clean JSON. */
export function sendResult(
  message: MessageRef,
  outcome: SendOutcome,
  extra: { readonly messageId?: string | null; readonly error?: ClickwaError } = {},
): SendResult {
  const { index, clientMessageId, to } = message;
  const accepted = outcome === 'accepted';
  const { messageId } = extra;
  // An accepted result is made whole in one literal: adding `messageId` afterwards would give every such
  // result a second, out-of-object store for it (a bulk send makes one per message).
  const result: { -readonly [K in keyof SendResult]: SendResult[K] } = messageId
    ? { index, clientMessageId, to, outcome, accepted, messageId }
    : { index, clientMessageId, to, outcome, accepted };
  if (extra.error) result.error = extra.error;
  if (message.warnings && message.warnings.length > 0) result.warnings = message.warnings;
  return result;
}

const digits = (to: string | null): string => (to ?? '').replace(/\D/g, '');

/**
 * Pairs each message of a request with its answer, in the messages' order, by `clientMessageId` (the platform
 * answers in any order). An answer that echoes no id is paired with the unpaired message to the same number
 * when it is the only such answer and that the only such message. Answers for ids the request did not carry,
 * and second answers for one id, are ignored; a message left without an answer gets undefined. Ids are unique
 * within a request, whitespace around them aside (the batcher sees to it).
 */
export function matchResponse(
  messages: readonly MessageRef[],
  answers: readonly SendResponseMessage[],
): (SendResponseMessage | undefined)[] {
  const matched: (SendResponseMessage | undefined)[] = new Array(messages.length).fill(undefined);
  // Fast path: an answer in the request's order (the usual case) pairs without building an index.
  let aligned = answers.length === messages.length;
  for (let i = 0; aligned && i < messages.length; i++) {
    if (answers[i]!.clientMessageId === messages[i]!.clientMessageId) matched[i] = answers[i];
    else aligned = false;
  }
  if (aligned) return matched;
  // The answer's ids come without surrounding whitespace (`parseSendResponse` trims them), so the request's are
  // compared the same way.
  const position = new Map<string, number>();
  for (let i = 0; i < messages.length; i++) position.set(messages[i]!.clientMessageId.trim(), i);
  const anonymous: SendResponseMessage[] = [];
  for (const answer of answers) {
    if (answer.clientMessageId === null) {
      anonymous.push(answer);
      continue;
    }
    const i = position.get(answer.clientMessageId);
    if (i !== undefined && matched[i] === undefined) matched[i] = answer;
  }
  // Only a pairing nothing else could claim: one answer and one unpaired message for the number. Two messages
  // to one number answered without ids could be swapped: they stay unanswered (`unknown`) instead.
  const unpaired = new Map<string, number[]>();
  for (let j = 0; j < messages.length; j++) {
    if (matched[j] !== undefined) continue;
    const to = digits(messages[j]!.to);
    const list = unpaired.get(to);
    if (list) list.push(j);
    else unpaired.set(to, [j]);
  }
  const answersTo = new Map<string, number>();
  for (const answer of anonymous) {
    const to = digits(answer.to);
    answersTo.set(to, (answersTo.get(to) ?? 0) + 1);
  }
  for (const answer of anonymous) {
    const to = digits(answer.to);
    const candidates = unpaired.get(to);
    if (to !== '' && candidates?.length === 1 && answersTo.get(to) === 1) matched[candidates[0]!] = answer;
  }
  return matched;
}
