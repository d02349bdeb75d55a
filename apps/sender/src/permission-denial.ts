/** A Deno permission the CLI may lack, by the flag that grants it. */
export type DenoPermission = 'net' | 'env' | 'read' | 'write';

/** What a permission error says: which flag is missing, and for what (a host, a variable, a path). */
export interface PermissionDenial {
  readonly permission: DenoPermission;
  readonly target?: string;
  /** The runtime's own message. */
  readonly message: string;
}

// Deno 2 throws `NotCapable` ("Requires net access to "127.0.0.1:8790", run again with the --allow-net flag");
// Deno 1 threw `PermissionDenied` with the same message.
const DENIAL_NAMES = new Set(['NotCapable', 'PermissionDenied']);
const REQUIRES = /Requires (net|env|read|write) access(?: to "([^"]*)")?/;

function asDenial(value: unknown): PermissionDenial | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, message } = value as { name?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  const match = REQUIRES.exec(message);
  if (!match || (typeof name === 'string' && !DENIAL_NAMES.has(name) && name !== 'Error')) return undefined;
  return {
    permission: match[1] as DenoPermission,
    ...(match[2] ? { target: match[2] } : {}),
    message,
  };
}

/**
 * Finds a Deno permission denial in an error or its `cause` chain (the client keeps the cause's name and
 * message on `error.cause`), so the CLI can name the flag to add rather than report a failed send.
 *
 * @example permissionDenial(result.error) // { permission: 'net', target: '127.0.0.1:8790', message }
 */
export function permissionDenial(error: unknown): PermissionDenial | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    const found = asDenial(current);
    if (found) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The sentence that tells the operator what to add: `deno run --allow-net=127.0.0.1:8790 ...`. */
export function describeDenial(denial: PermissionDenial, fallbackTarget?: string): string {
  const target = denial.target ?? fallbackTarget;
  const flag = `--allow-${denial.permission}${target ? `=${target}` : ''}`;
  return `Deno has no ${denial.permission} permission${target ? ` for ${target}` : ''}: run deno with ${flag}`;
}
