/**
 * What a runner passes as the second argument of `emulator.fetch`. The Node runner sets `clientIp` from the
 * socket; on Workers the bindings object has none and the `CF-Connecting-IP` header (set by Cloudflare) is
 * used; in-process, a test sets it to exercise IP lockdown.
 */
export interface EmulatorEnv {
  readonly clientIp?: string;
}

/** The client's IP, or undefined when the runtime cannot tell (IP lockdown then refuses the request). */
export function clientIpOf(request: Request, env: unknown): string | undefined {
  const fromEnv = (env as EmulatorEnv | undefined)?.clientIp;
  if (typeof fromEnv === 'string' && fromEnv !== '') return fromEnv;
  return request.headers.get('cf-connecting-ip') ?? undefined;
}
