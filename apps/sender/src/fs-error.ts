import { describeDenial, permissionDenial } from './permission-denial.ts';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
};

/**
 * A one-line description of a file system error: `no such file (ENOENT)`; for a Deno run without
 * `--allow-read` or `--allow-write` for the file, the flag to add.
 */
export function describeFsError(error: unknown): string {
  const denial = permissionDenial(error);
  if (denial) return describeDenial(denial);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return REASONS[code] ? `${REASONS[code]} (${code})` : code;
  // Deno names the class rather than setting a code on some paths.
  const name = error instanceof Error ? error.name : '';
  if (name === 'NotFound') return 'no such file (ENOENT)';
  if (name === 'PermissionDenied') return 'permission denied (EACCES)';
  return error instanceof Error ? error.message : String(error);
}

/** Whether a file system error says the file already exists (Node and Bun: EEXIST; Deno: AlreadyExists). */
export const isAlreadyExists = (error: unknown): boolean =>
  (error as { code?: unknown } | null)?.code === 'EEXIST' ||
  (error as Error | null)?.name === 'AlreadyExists';
