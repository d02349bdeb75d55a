import { type ClickatellApi, messageKind, type OutboundMessage, type SendResult } from '@clickwa/core';
import type { OutboundRecord } from '../store.ts';

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The record of one sent message: what the caller asked (kind, template, text) joined with what the client
 * answered (ids, outcome, error), and the API the client sent through. Media bytes are not kept: they are the
 * caller's own.
 */
export function toOutboundRecord(
  message: unknown,
  result: SendResult,
  integration: string | null,
  sentAt: number,
  api: ClickatellApi = 'wa',
): OutboundRecord {
  const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  const kind = messageKind(m as OutboundMessage);
  const encrypted = typeof m.encryptionKey === 'string';
  const hsm = m.hsm as { template?: unknown } | undefined;
  const { error } = result;
  return {
    api,
    clientMessageId: result.clientMessageId,
    messageId: result.messageId ?? null,
    to: result.to,
    kind,
    template: kind === 'template' ? text(hsm?.template) : null,
    content: kind === 'text' && !encrypted ? text(m.content) : null,
    caption: kind === 'media' && !encrypted ? text(m.caption) : null,
    outcome: result.outcome,
    error: error ? { code: error.code, description: error.description, retryable: error.retryable } : null,
    integration,
    sentAt,
    index: result.index,
  };
}
