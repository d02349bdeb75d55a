/** How serious an issue is: an `error` is what the platform would reject; a `warning` it would accept. */
export type IssueSeverity = 'error' | 'warning';

/**
 * One problem found in input. `code` is the Clickatell error code (spec section 8) when one applies and
 * `messageIndex` the position in `messages[]` for issues that concern one message.
 */
export interface Issue {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly code?: number;
  readonly severity: IssueSeverity;
  readonly messageIndex?: number;
  /**
   * Set on a warning the platform accepts at submission but WhatsApp refuses at delivery (a template
   * parameter with a newline): the message is certain to fail, so a sender should treat it as an error.
   * Warnings without it may or may not be delivered as meant.
   */
  readonly rejectedAtDelivery?: true;
}

/** The outcome of every parser and validator in the core: data, never an exception. */
export type Result<T> =
  | { readonly success: true; readonly output: T; readonly issues?: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly Issue[] };

/** Builds a successful result; `issues` carries warnings that did not stop it. */
export function ok<T>(output: T, issues?: readonly Issue[]): Result<T> {
  return issues && issues.length > 0 ? { success: true, output, issues } : { success: true, output };
}

/** Builds a failed result. */
export function fail<T = never>(issues: readonly Issue[]): Result<T> {
  return { success: false, issues };
}

/** Builds an error issue. */
export function issue(message: string, extra: Omit<Issue, 'message' | 'severity'> = {}): Issue {
  return { message, severity: 'error', ...extra };
}
