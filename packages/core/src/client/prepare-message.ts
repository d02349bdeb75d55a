import type { ClickatellApi } from '../api.ts';
import { isObject } from '../internal/is-object.ts';
import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';
import type { TemplateRegistry } from '../templates/define-templates.ts';
import { validateMessage } from '../validation/validate-message.ts';
import type { BatchItem } from './batcher.ts';
import { createClientMessageId } from './client-message-id.ts';
import { ValidationError } from './errors.ts';
import { type MessageRef, type SendResult, sendResult } from './send-result.ts';
import { wireMessage } from './wire-message.ts';

/** A valid message with its `clientMessageId`, serialized, ready for a batch. */
export interface PreparedMessage extends MessageRef, BatchItem {
  /** The message's JSON, as it goes into the request's `messages`. */
  readonly json: string;
}

/** Options of `prepareMessage`. */
export interface PrepareOptions {
  /** The API the message goes to: its validation rules and its wire form. */
  readonly api: ClickatellApi;
  /** Whether the request carries a top-level `encryptionKey`. */
  readonly encrypted: boolean;
  readonly templates?: TemplateRegistry;
  /** Whether a message of this many bytes fits in a request on its own (one carrying `requestKey`, if set). */
  readonly fits: (bytes: number, requestKey?: string) => boolean;
  /** Largest body a request may have, for the error message. */
  readonly maxBytes: number;
}

/**
 * The identity of any input, even an invalid one: the caller's `clientMessageId` if it is a non-empty
 * string, else a new one, so every result carries an id.
 */
export function describeMessage(message: unknown, index: number): MessageRef {
  let given: unknown;
  let to = '';
  try {
    given = isObject(message) ? message.clientMessageId : undefined;
    to = isObject(message) && typeof message.to === 'string' ? message.to : '';
  } catch {
    // A getter that throws: the result still says which message it is, by its index.
  }
  return {
    index,
    clientMessageId: typeof given === 'string' && given !== '' ? given : createClientMessageId(),
    to,
  };
}

/** A message rejected because it cannot be read or serialized (a getter that throws, a BigInt, a cycle). */
export function unreadable(message: unknown, index: number, cause: unknown): SendResult {
  let reason = 'an unreadable error';
  try {
    reason = cause instanceof Error ? cause.message : String(cause);
  } catch {}
  const issue = {
    message: `The message cannot be read or serialized as JSON (${reason})`,
    severity: 'error',
    messageIndex: index,
  } as const;
  return sendResult(describeMessage(message, index), 'rejected', {
    error: new ValidationError([issue], { cause }),
  });
}

/**
 * Validates one input message (with the core's `validateMessage`), assigns its `clientMessageId` and serializes
 * it once, when it is read, so a later change of the caller's objects is not sent. A message with errors comes
 * back as a `rejected` result, never sent; so does one that cannot be read or serialized (a getter that throws,
 * a BigInt or a cycle in an extra field), rather than throwing in the middle of a send.
 */
export function prepareMessage(
  message: unknown,
  index: number,
  options: PrepareOptions,
): PreparedMessage | SendResult {
  try {
    const checked = checkMessage(message, index, options);
    return 'output' in checked ? serializeMessage(checked, checked.output, options) : checked;
  } catch (cause) {
    return unreadable(message, index, cause);
  }
}

/** A valid message, with its id: what `serializeMessage` sends. */
export interface CheckedMessage extends MessageRef {
  readonly output: OutboundMessage;
  readonly generatedId: boolean;
}

/** Validates a message and gives it its `clientMessageId`; an invalid one comes back `rejected`. */
export function checkMessage(
  message: unknown,
  index: number,
  options: PrepareOptions,
): CheckedMessage | SendResult {
  let checked = validateMessage(message, options);
  // Issues are rare: only a message that has some is checked again, with its index for their paths.
  if (checked.issues) checked = validateMessage(message, { ...options, index });
  if (!checked.success) {
    const warnings = checked.issues.filter((i) => i.severity === 'warning');
    return sendResult({ ...describeMessage(message, index), warnings }, 'rejected', {
      error: new ValidationError(checked.issues),
    });
  }
  // A valid message's issues are all warnings.
  const warnings = checked.issues;
  const { output } = checked;
  const given = output.clientMessageId;
  const clientMessageId = typeof given === 'string' && given !== '' ? given : createClientMessageId();
  const generatedId = clientMessageId !== given;
  const { to } = output;
  return warnings
    ? { index, clientMessageId, to, output, generatedId, warnings }
    : { index, clientMessageId, to, output, generatedId };
}

/**
 * Serializes a checked message (`wire`: as checked, or encrypted) in its API's form and measures it; one too big
 * for any request is rejected with 105. `requestKey` is the top-level `encryptionKey` its request must carry.
 */
export function serializeMessage(
  checked: CheckedMessage,
  wire: OutboundMessage,
  options: PrepareOptions,
  requestKey?: string,
): PreparedMessage | SendResult {
  const { index, clientMessageId, to, warnings, generatedId } = checked;
  const json = JSON.stringify(wireMessage(wire, clientMessageId, options.api));
  const bytes = utf8ByteLength(json);
  if (!options.fits(bytes, requestKey)) {
    const error = new ValidationError([
      {
        message: `The message alone is ${bytes} bytes of JSON; a request may hold ${options.maxBytes}`,
        code: 105,
        severity: 'error',
        messageIndex: index,
      },
    ]);
    return sendResult({ index, clientMessageId, to, warnings }, 'rejected', { error });
  }
  const prepared: { -readonly [K in keyof PreparedMessage]: PreparedMessage[K] } = {
    index,
    clientMessageId,
    to,
    json,
    bytes,
    generatedId,
  };
  if (warnings) prepared.warnings = warnings;
  if (requestKey !== undefined) prepared.requestKey = requestKey;
  return prepared;
}
