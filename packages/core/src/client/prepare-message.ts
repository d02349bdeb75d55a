import type { ClickatellApi } from '../api.ts';
import { isObject } from '../internal/is-object.ts';
import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
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
  /** Whether a message of this many bytes fits in a request on its own. */
  readonly fits: (bytes: number) => boolean;
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
    return prepare(message, index, options);
  } catch (cause) {
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
}

function prepare(message: unknown, index: number, options: PrepareOptions): PreparedMessage | SendResult {
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
  const { to } = output;
  const json = JSON.stringify(wireMessage(output, clientMessageId, options.api));
  const bytes = utf8ByteLength(json);
  if (!options.fits(bytes)) {
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
  const generatedId = clientMessageId !== given;
  return warnings
    ? { index, clientMessageId, to, json, bytes, generatedId, warnings }
    : { index, clientMessageId, to, json, bytes, generatedId };
}
