/**
 * Which of Clickatell's WhatsApp APIs an integration speaks: `wa`, the WhatsApp Enterprise REST API of the spec
 * (`POST /wa/messages`, flat callbacks), or `one`, One API (`POST /v1/message` with `channel: 'whatsapp'`,
 * callbacks in an `{ integrationId, event }` envelope). Keys, codes and shapes differ between the two.
 */
export type ClickatellApi = 'wa' | 'one';

/** Every API, legacy first. */
export const CLICKATELL_APIS = ['wa', 'one'] as const satisfies readonly ClickatellApi[];

/** Whether `value` names one of Clickatell's WhatsApp APIs. */
export const isClickatellApi = (value: unknown): value is ClickatellApi => value === 'wa' || value === 'one';
