import { AbortError, HttpError, TimeoutError, TransportError } from './errors.ts';
import { FAILURE_RULES, type Failure, type FailureCondition, isResendable } from './failure-rules.ts';

// Error codes that mean the connection was never made, so no byte of the request was written:
// Node (undici) puts them on `cause` ("fetch failed"), Bun on the error itself.
const CONNECT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// Where an error with a syscall must have happened for it to be a connect failure: an unreachable host or
// network can also be reported by a read or write on a connection already in use.
const CONNECT_SYSCALLS: ReadonlySet<string> = new Set(['connect', 'getaddrinfo']);
// Deno reports no code; its (hyper) message names the connect step: "client error (Connect): tcp connect error".
const DENO_CONNECT = /\bclient error \(Connect\)/;
// A TLS handshake that failed: OpenSSL's certificate verification errors as Node and Bun name them, Node's
// host name check, and a plain-HTTP server on a TLS port. No byte of the request was written either, but a
// retry would meet the same certificate. (Other TLS errors can come after the request left.)
const TLS_CODE =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED|SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_TLS_CERT_ALTNAME|ERR_SSL_WRONG_VERSION)/;

// A redirect met with `redirect: 'error'`, as Node (undici: cause "unexpected redirect"), Bun ("UnexpectedRedirect
// fetching ..."), Deno ("Encountered redirect while redirect mode is set to 'error'") and node-fetch ("... responds
// with a redirect, redirect mode is set to error: ...") report it.
const REDIRECT_MET = /unexpected ?redirect|encountered redirect|redirect mode is set to .?error/i;
// A runtime's refusal to make the request at all: Deno without `--allow-net` (`NotCapable`, `PermissionDenied`
// before Deno 2: "Requires net access to ...").
const PERMISSION_NAMES: ReadonlySet<string> = new Set(['NotCapable', 'PermissionDenied']);
const PERMISSION = /^Requires \w+ access\b/;
// Fetch's list of bad ports, refused before connecting: Node (undici: cause "bad port"), Deno ("Requests to port
// N are blocked").
const PORT_BLOCKED = /^bad port$|requests to port \d+ are blocked/i;

type ErrorLike = {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
};

// Whether `test` holds for `error` or an error it was caused by (`fetch failed` wraps the real one), at most
// four levels down, so a cycle ends.
function inChain(error: unknown, test: (e: ErrorLike, depth: number) => boolean, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  return test(error as ErrorLike, depth) || inChain((error as ErrorLike).cause, test, depth + 1);
}

const isTlsFailure = (error: unknown) =>
  inChain(error, ({ code }) => typeof code === 'string' && TLS_CODE.test(code));

const messageMatches = (error: unknown, pattern: RegExp) =>
  inChain(error, ({ message }) => typeof message === 'string' && pattern.test(message));

/**
 * Whether `fetch` failed while connecting (refused, DNS failure, connect timeout): with a failed TLS
 * handshake, the only rejections known to happen before the request left. Anything it cannot classify is
 * treated as possibly sent.
 */
export function isConnectPhaseError(error: unknown, depth = 0): boolean {
  return inChain(
    error,
    (e, at) =>
      (typeof e.code === 'string' &&
        CONNECT_CODES.has(e.code) &&
        (typeof e.syscall !== 'string' || CONNECT_SYSCALLS.has(e.syscall))) ||
      (typeof e.message === 'string' && DENO_CONNECT.test(e.message)) ||
      // Happy eyeballs tries several addresses and reports an AggregateError; every one must have failed to connect.
      (Array.isArray(e.errors) &&
        e.errors.length > 0 &&
        e.errors.every((x) => isConnectPhaseError(x, at + 1))),
    depth,
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error.message + cause;
}

/**
 * A copy of a `fetch` rejection fit to pass on as a `cause`: its name, texts (redacted), `code`, `syscall`,
 * `errno` and causes, nothing else. The error itself may hold anything (a wrapper's copy of the request, with
 * its `Authorization` header), and a logger prints causes whole.
 */
export function safeCause(error: unknown, redact: (text: string) => string = String, depth = 0): unknown {
  if (typeof error === 'string') return redact(error);
  if (typeof error !== 'object' || error === null) return error;
  const e = error as ErrorLike & { name?: unknown; stack?: unknown; errno?: unknown };
  const text = (x: unknown) => (typeof x === 'string' ? redact(x) : undefined);
  const copy: Error & ErrorLike & { errno?: unknown } = new Error(text(e.message) ?? redact(String(error)));
  copy.name = text(e.name) ?? 'Error';
  copy.stack = text(e.stack) ?? '';
  for (const key of ['code', 'syscall', 'errno'] as const) if (e[key] !== undefined) copy[key] = e[key];
  if (e.cause !== undefined && depth < 4) copy.cause = safeCause(e.cause, redact, depth + 1);
  return copy;
}

/** What the attempt knew when `fetch` (or reading the body) rejected. */
export interface FetchErrorContext {
  readonly callerAborted: boolean;
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** Whether a response had already arrived (the body failed): the request was certainly received. */
  readonly responded?: boolean;
  /** Reason of the caller's signal. */
  readonly reason?: unknown;
  /** Removes secrets (the API key) from the error's text. */
  readonly redact?: (text: string) => string;
}

/** Which condition of `FAILURE_RULES` a rejection of `fetch` before any answer is, from the error alone. */
function conditionOf(error: unknown): FailureCondition {
  if (messageMatches(error, REDIRECT_MET)) return 'redirect';
  if (
    inChain(
      error,
      ({ name, message }) => PERMISSION_NAMES.has(String(name)) || PERMISSION.test(String(message)),
    )
  )
    return 'permission-denied';
  if (messageMatches(error, PORT_BLOCKED)) return 'port-blocked';
  if (isTlsFailure(error)) return 'tls-failed';
  if (isConnectPhaseError(error)) return 'connect-failed';
  return 'connection-lost';
}

const DESCRIPTIONS: Partial<Record<FailureCondition, (shown: string) => string>> = {
  'tls-failed': (shown) =>
    `Could not connect to the platform securely (${shown}); check baseUrl and the certificates this runtime trusts`,
  'permission-denied': (shown) => `The runtime forbids the request (${shown})`,
  'port-blocked': (shown) => `fetch refuses the port (${shown}); check baseUrl`,
  'connect-failed': (shown) => `Could not connect to the platform (${shown})`,
  'connection-lost': (shown) => `The request failed after it may have reached the platform (${shown})`,
};

/**
 * Turns a rejection of `fetch` or of reading the body into a failure. The source of an abort is read from
 * the signals, since runtimes name the error differently; anything that cannot be placed before the request
 * left may have reached the platform.
 */
export function classifyFetchError(error: unknown, context: FetchErrorContext): Failure {
  if (context.callerAborted)
    return { condition: 'aborted-in-flight', error: new AbortError({ cause: context.reason }) };
  const redact = context.redact ?? String;
  const cause = safeCause(error, redact);
  if (context.timedOut)
    return { condition: 'timeout', error: new TimeoutError(context.timeoutMs, { cause }) };
  const condition = context.responded ? 'unreadable-answer' : conditionOf(error);
  if (condition === 'redirect') return redirectFailure(0);
  const shown = redact(describe(error));
  const retryable = isResendable(condition);
  const text = DESCRIPTIONS[condition] ?? DESCRIPTIONS['connection-lost']!;
  const phase = FAILURE_RULES[condition].outcome === 'not-sent' ? 'connect' : 'unknown';
  return { condition, error: new TransportError(phase, text(shown), { cause, retryable }) };
}

/**
 * The platform answered with a redirect: a wrong `baseUrl` (`http://` for `https://`, a proxy). Redirects are
 * never followed, so the body and the key never go elsewhere. `status` is 0 when the runtime does not say which
 * (an opaque redirect in a browser, a redirect refused by `fetch`).
 */
export function redirectFailure(status: number): Failure {
  const shown = status ? ` (HTTP ${status})` : '';
  const error = new HttpError(status, `The platform answered with a redirect${shown}; check baseUrl`);
  return { condition: 'redirect', error };
}
