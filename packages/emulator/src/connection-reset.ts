const BRAND = Symbol.for('clickwa.emulator.connection-reset');

/**
 * The cause of an in-process reset fault. In-process there is no socket to drop, so `emulator.fetch` rejects
 * the way `fetch` does on a reset: a `TypeError('fetch failed')` whose `cause` has `code: 'ECONNRESET'`.
 */
export class ConnectionResetError extends Error {
  override readonly name = 'ConnectionResetError';
  readonly code = 'ECONNRESET';
  /** `before`: nothing was recorded; `after`: the messages were accepted and then the connection dropped. */
  readonly phase: 'before' | 'after';
  readonly [BRAND] = true;

  constructor(phase: 'before' | 'after') {
    super(
      `Connection reset by the emulator (${phase === 'before' ? 'before' : 'after'} the request was handled)`,
    );
    this.phase = phase;
  }
}

/** The rejection of an in-process reset, shaped like a failed `fetch`. */
export function connectionResetFailure(phase: 'before' | 'after'): TypeError {
  return new TypeError('fetch failed', { cause: new ConnectionResetError(phase) });
}

const branded = (x: unknown): boolean =>
  typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[BRAND] === true;

/**
 * Whether `error` is the emulator's reset (itself or as the `cause`). Checks a registered symbol, not
 * `instanceof`, so it works across realms and duplicated package copies.
 */
export function isConnectionReset(error: unknown): boolean {
  return branded(error) || (error instanceof Error && branded(error.cause));
}
