import { isObject } from '../internal/is-object.ts';
import { utf8ByteLength } from '../internal/utf8-byte-length.ts';
import { LIMITS } from '../limits.ts';
import type { Issue, Result } from '../result.ts';
import type { OutboundMessage, SendRequest } from '../schemas/send-request.ts';
import { type ValidateOptions, validateMessage } from './validate-message.ts';

/**
 * The issues the platform would answer a `POST /wa/messages` body with, each with its section-8 code:
 * empty content (100), text too long (101), no receivers (102), unsupported content type or video (103),
 * media over 1 MB (104), body over 20 MB (105), bad template (106), phone numbers (150, 151, 152, 158),
 * more than 200 messages (153). Rules the platform does not enforce at submission are warnings: a caption on
 * audio, bytes that contradict the declared type, `previewFirstUrl` without a URL, template whitespace.
 * On success, `output` is the request with every `to` normalized, and `issues` holds the warnings.
 *
 * @example
 * const checked = validateSendRequest({ messages: [{ to: '27999000001', content: 'Hi' }] });
 * if (!checked.success) for (const i of checked.issues) console.log(i.messageIndex, i.code, i.message);
 */
export function validateSendRequest(request: unknown, options: ValidateOptions = {}): Result<SendRequest> {
  const issues: Issue[] = [];
  const messages = isObject(request) ? request.messages : undefined;
  if (!Array.isArray(messages) || messages.length === 0) {
    return {
      success: false,
      issues: [
        {
          message: 'The request has no messages (receivers list is empty)',
          code: 102,
          severity: 'error',
          path: ['messages'],
        },
      ],
    };
  }
  if (messages.length > LIMITS.maxMessagesPerRequest) {
    issues.push({
      message: `${messages.length} messages in one request; the limit is ${LIMITS.maxMessagesPerRequest}`,
      code: 153,
      severity: 'error',
      path: ['messages'],
    });
  }
  const { encryptionKey } = request as { encryptionKey?: unknown };
  if (encryptionKey !== undefined && typeof encryptionKey !== 'string') {
    issues.push({
      message: 'encryptionKey must be a base64 string',
      severity: 'error',
      path: ['encryptionKey'],
    });
  }
  const encrypted = typeof encryptionKey === 'string' && encryptionKey !== '';
  const output: OutboundMessage[] = [];
  const seen = new Map<string, number>();
  messages.forEach((message: unknown, index) => {
    const checked = validateMessage(message, { ...options, index, encrypted });
    if (checked.issues) issues.push(...checked.issues);
    if (!checked.success) return;
    output.push(checked.output);
    const id = checked.output.clientMessageId;
    if (id) {
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else {
        issues.push({
          message: `clientMessageId "${id}" repeats message ${first}'s; answers cannot be told apart`,
          severity: 'warning',
          messageIndex: index,
          path: ['messages', index, 'clientMessageId'],
        });
      }
    }
  });
  const json = JSON.stringify(request);
  // UTF-8 takes at most 3 bytes per UTF-16 unit, so only a body that could be near the limit is counted.
  if (json.length * 3 > LIMITS.maxRequestBytes && utf8ByteLength(json) > LIMITS.maxRequestBytes) {
    issues.push({
      message: `The request body is over ${LIMITS.maxRequestBytes} bytes; split it`,
      code: 105,
      severity: 'error',
    });
  }
  if (issues.some((i) => i.severity === 'error')) return { success: false, issues };
  const result: SendRequest = encrypted
    ? { messages: output, encryptionKey: encryptionKey as string }
    : { messages: output };
  return issues.length > 0 ? { success: true, output: result, issues } : { success: true, output: result };
}
