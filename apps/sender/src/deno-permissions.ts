import type { DenoPermission } from './permission-denial.ts';

/** What the CLI asks of a permission before it needs it. */
export type PermissionQuery =
  | { readonly name: 'net'; readonly host: string }
  | { readonly name: 'env'; readonly variable: string }
  | { readonly name: DenoPermission; readonly path: string };

interface DenoPermissionsApi {
  querySync(query: PermissionQuery): { state: 'granted' | 'prompt' | 'denied' };
}

const denoPermissions = (): DenoPermissionsApi | undefined =>
  (globalThis as { Deno?: { permissions?: DenoPermissionsApi } }).Deno?.permissions;

/**
 * Whether the runtime lets the CLI do this without asking: always on Node and Bun; on Deno, the permission's
 * state (`prompt` means Deno would ask on a terminal and refuse elsewhere).
 */
export function permissionState(query: PermissionQuery): 'granted' | 'prompt' | 'denied' {
  const api = denoPermissions();
  if (!api) return 'granted';
  try {
    return api.querySync(query).state;
  } catch {
    return 'granted';
  }
}
