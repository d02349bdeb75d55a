import { LIMITS, messageKind, normalizeMsisdn, type OutboundMessage } from '@clickwa/core';
import type { Store } from '../store.ts';

/** A freeform message the customer-care window does not allow. */
export interface CareWindowViolation {
  readonly index: number;
  readonly to: string;
  readonly kind: 'text' | 'media';
  /** When the number last wrote (epoch ms), or null if never. */
  readonly lastInboundAt: number | null;
}

/**
 * The freeform (text or media) messages addressed to numbers that have not written within the care window
 * (spec 3.3: outside it only a template is delivered). Messages whose number is invalid are left to the
 * client, which rejects them with the platform's code.
 */
export async function careWindowViolations(
  store: Store,
  messages: readonly unknown[],
  now: number,
): Promise<CareWindowViolation[]> {
  const since = now - LIMITS.careWindowHours * 3_600_000;
  const freeform: { index: number; to: string; kind: 'text' | 'media' }[] = [];
  messages.forEach((message, index) => {
    if (typeof message !== 'object' || message === null) return;
    const kind = messageKind(message as OutboundMessage);
    const to = normalizeMsisdn((message as { to?: unknown }).to);
    if (kind !== 'template' && to.success) freeform.push({ index, to: to.output, kind });
  });
  if (freeform.length === 0) return [];
  // One read for every number of the request.
  const last = await store.lastInboundAt([...new Set(freeform.map((m) => m.to))]);
  return freeform.flatMap(({ index, to, kind }) => {
    const lastInboundAt = last.get(to) ?? null;
    return lastInboundAt !== null && lastInboundAt >= since ? [] : [{ index, to, kind, lastInboundAt }];
  });
}
