import type { MultiStatusRule } from './one-api-answer.ts';

/** How One API integrations answer where One API's sources disagree or leave it open. */
export interface OneApiOptions {
  /** When several messages answer 207: `any-rejected` (default, the stricter rule) or `mixed`. */
  readonly multiStatus?: MultiStatusRule;
  /** Whether answers echo each message's `clientMessageId` (default true; some sources show no echo). */
  readonly echoClientMessageId?: boolean;
  /** Whether answers list the messages in a seeded random order (default false; One API promises no order). */
  readonly shuffleAnswers?: boolean;
}

/** The defaults applied and every value checked; a mistake throws a `TypeError` that says what to fix. */
export function resolveOneApiOptions(options: OneApiOptions = {}): Required<OneApiOptions> {
  const multiStatus = options.multiStatus ?? 'any-rejected';
  if (multiStatus !== 'any-rejected' && multiStatus !== 'mixed') {
    throw new TypeError(`oneApi.multiStatus must be 'any-rejected' or 'mixed', got "${String(multiStatus)}"`);
  }
  return {
    multiStatus,
    echoClientMessageId: options.echoClientMessageId ?? true,
    shuffleAnswers: options.shuffleAnswers ?? false,
  };
}
