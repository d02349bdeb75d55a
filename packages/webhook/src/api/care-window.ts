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
  const last = new Map<string, Promise<number | null>>();
  const checks = messages.map(async (message, index): Promise<CareWindowViolation | undefined> => {
    if (typeof message !== 'object' || message === null) return undefined;
    const kind = messageKind(message as OutboundMessage);
    const to = normalizeMsisdn((message as { to?: unknown }).to);
    if (kind === 'template' || !to.success) return undefined;
    let at = last.get(to.output);
    if (!at) {
      at = store.lastInboundAt(to.output);
      last.set(to.output, at);
    }
    const lastInboundAt = await at;
    return lastInboundAt !== null && lastInboundAt >= since
      ? undefined
      : { index, to: to.output, kind, lastInboundAt };
  });
  return (await Promise.all(checks)).filter((v): v is CareWindowViolation => v !== undefined);
}
