/**
 * Where a status puts a message, the same for both APIs, so a store or a screen can treat them alike:
 * `queued` (accepted or scheduled, not yet handed on), `sent` (handed to WhatsApp, or ended in the sandbox),
 * `delivered` (the recipient's phone has it), `read`, `failed`, `unknown` (no information about the message).
 * EMULATED is `sent`: the platform took the message and ended its life without failing it, but nothing reached
 * a phone. SCHEDULED is `queued`. UNKNOWN ("message not found") is `unknown`.
 */
export type StatusLifecycle = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'unknown';

/** Every lifecycle stage, in a message's order (`failed` and `unknown` stand apart). */
export const STATUS_LIFECYCLES = [
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
] as const satisfies readonly StatusLifecycle[];
