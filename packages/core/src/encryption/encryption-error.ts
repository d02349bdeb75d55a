import { KIND } from '../client/error-kind.ts';
import { ClickwaError, type ClickwaErrorOptions } from '../client/errors.ts';

/**
 * What went wrong with encrypted content, by name:
 * - `key-provider-failed`: the key provider (KMS) could not be reached or refused the call;
 * - `key-not-decryptable`: the `encryptionKey` blob does not open with this key provider (a wrong key);
 * - `content-not-decryptable`: the data key opened but the content does not decrypt with it (tampered
 *   ciphertext, or another cipher);
 * - `hash-mismatch`: media decrypted, but its SHA-256 is not the `sha256Hash` sent with it;
 * - `malformed`: the blob, the ciphertext or the hash is not of the expected form.
 */
export type EncryptionProblem =
  | 'key-provider-failed'
  | 'key-not-decryptable'
  | 'content-not-decryptable'
  | 'hash-mismatch'
  | 'malformed';

/** Options of `EncryptionError`. */
export interface EncryptionErrorOptions extends ClickwaErrorOptions {
  /** The field of a message or callback the problem is in (`content`, `caption`, `encryptionKey`). */
  readonly field?: string;
}

/**
 * An encryption or decryption failure. Its description names the problem and never carries key material,
 * clear text or ciphertext.
 *
 * @example
 * try { await encryption.decryptCallback(body); }
 * catch (e) { if (e instanceof EncryptionError && e.problem === 'hash-mismatch') flag(body.messageId); }
 */
export class EncryptionError extends ClickwaError {
  static override readonly [KIND]: string = 'EncryptionError';
  readonly problem: EncryptionProblem;
  readonly field: string | undefined;
  constructor(problem: EncryptionProblem, description: string, options: EncryptionErrorOptions = {}) {
    super('encryption', description, options);
    this.problem = problem;
    this.field = options.field;
  }
}
