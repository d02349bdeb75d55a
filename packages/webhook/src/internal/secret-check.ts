const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/**
 * A check of a secret in time that depends on neither value: both are hashed to 32 bytes, so neither the
 * length nor the position of the first difference shows in the timing. The expected digest is computed
 * once. Web Crypto only (Workers' own `timingSafeEqual` is not on other runtimes).
 */
export function secretCheck(expected: string): (given: string) => Promise<boolean> {
  let wanted: Promise<Uint8Array> | undefined;
  return async (given) => {
    wanted ??= digest(expected);
    const [a, b] = await Promise.all([digest(given), wanted]);
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
    return diff === 0;
  };
}
