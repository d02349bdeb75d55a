import { isObject } from '../internal/is-object.ts';
import type { SendEncryption } from './client-options.ts';
import { ClickwaError, UsageError, ValidationError } from './errors.ts';
import {
  checkMessage,
  describeMessage,
  type PreparedMessage,
  type PrepareOptions,
  serializeMessage,
  unreadable,
} from './prepare-message.ts';
import { type SendResult, sendResult } from './send-result.ts';

const refused = (message: unknown, index: number, error: ClickwaError) =>
  sendResult(describeMessage(message, index), 'rejected', { error });

/**
 * `prepareMessage` with encryption, the one async step of a send: the message is validated in clear (the text
 * limit is the clear text's), encrypted, then serialized and measured as sent. A message that carries its own
 * `encryptionKey`, or a One API file sent by `fileId` (uploaded in clear), is rejected. When the key provider
 * fails, the message is `not-sent` with its error (the engine then stops: every later message would fail too).
 */
export async function prepareEncrypted(
  message: unknown,
  index: number,
  options: PrepareOptions,
  encryption: SendEncryption,
): Promise<PreparedMessage | SendResult> {
  let checked: ReturnType<typeof checkMessage>;
  try {
    if (isObject(message) && message.encryptionKey != null) {
      return refused(
        message,
        index,
        new UsageError(
          'The message carries its own encryptionKey: with `encryption`, the client encrypts it',
        ),
      );
    }
    checked = checkMessage(message, index, options);
  } catch (cause) {
    return unreadable(message, index, cause);
  }
  if (!('output' in checked)) return checked;
  if ('fileId' in checked.output && checked.output.fileId != null) {
    const issue = {
      message: 'A file sent by fileId was uploaded in clear and cannot be encrypted: send its bytes instead',
      severity: 'error',
      messageIndex: index,
    } as const;
    return sendResult(checked, 'rejected', { error: new ValidationError([issue]) });
  }
  let sealed: Awaited<ReturnType<SendEncryption['encryptMessage']>>;
  try {
    sealed = await encryption.encryptMessage(checked.output, options.api);
  } catch (cause) {
    const error =
      cause instanceof ClickwaError
        ? cause
        : new ClickwaError('encryption', 'The message could not be encrypted', { cause, retryable: true });
    return sendResult(checked, 'not-sent', { error });
  }
  return serializeMessage(checked, sealed.message, options, sealed.requestKey);
}
