import { KIND } from '../client/error-kind.ts';
import { EncryptionError, type EncryptionProblem } from './encryption-error.ts';

/**
 * KMS error types and what they mean here: the problem they are, and whether the same call may succeed
 * later (throttling, an outage). Any other type is `key-provider-failed`, not retryable.
 */
export const KMS_ERROR_TYPES = {
  AccessDeniedException: { problem: 'key-provider-failed', retryable: false },
  IncorrectKeyException: { problem: 'key-not-decryptable', retryable: false },
  InvalidCiphertextException: { problem: 'key-not-decryptable', retryable: false },
  InvalidKeyUsageException: { problem: 'key-provider-failed', retryable: false },
  DisabledException: { problem: 'key-provider-failed', retryable: false },
  KMSInvalidStateException: { problem: 'key-provider-failed', retryable: false },
  NotFoundException: { problem: 'key-provider-failed', retryable: false },
  UnrecognizedClientException: { problem: 'key-provider-failed', retryable: false },
  InvalidSignatureException: { problem: 'key-provider-failed', retryable: false },
  ExpiredTokenException: { problem: 'key-provider-failed', retryable: false },
  ThrottlingException: { problem: 'key-provider-failed', retryable: true },
  DependencyTimeoutException: { problem: 'key-provider-failed', retryable: true },
  KMSInternalException: { problem: 'key-provider-failed', retryable: true },
} as const satisfies Record<string, { problem: EncryptionProblem; retryable: boolean }>;

/**
 * An error AWS KMS answered (`AccessDeniedException`, `InvalidCiphertextException`...): `type` is its name,
 * `status` the HTTP status. The description is KMS's own message, which names keys and principals, never
 * secrets.
 */
export class KmsError extends EncryptionError {
  static override readonly [KIND]: string = 'KmsError';
  readonly type: string;
  readonly status: number;
  constructor(type: string, status: number, message: string) {
    const known = (KMS_ERROR_TYPES as Record<string, { problem: EncryptionProblem; retryable: boolean }>)[
      type
    ];
    super(known?.problem ?? 'key-provider-failed', `KMS ${type}: ${message}`, {
      retryable: known?.retryable ?? status >= 500,
      ...(known?.problem === 'key-not-decryptable' ? { field: 'encryptionKey' } : {}),
    });
    this.type = type;
    this.status = status;
  }
}
