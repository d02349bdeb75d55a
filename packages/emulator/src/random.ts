/** A seeded source of randomness: the same seed gives the same sequence on every runtime. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `p` (0 never, 1 always). */
  chance(p: number): boolean;
  /** An integer in [0, n). */
  int(n: number): number;
  /** `length` lowercase hex digits (a multiple of 8), e.g. a 32-hex message id. */
  hex(length: number): string;
}

/**
 * cyrb128: four 32-bit words from a string. Not cryptographic; it only has to spread seeds and names well,
 * synchronously (crypto.subtle is async) and identically everywhere.
 */
export function hashWords(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** 32 lowercase hex digits derived from `text`: stable ids (an integration's) without randomness. */
export function hashHex(text: string): string {
  return hashWords(text).map(hex8).join('');
}

/**
 * A seeded PRNG (sfc32, 128-bit state). `stream` names an independent sequence under the same seed, so the
 * fault picks of the n-th request do not depend on how many ids or jitters were drawn before it.
 *
 * @example
 * const random = createRandom(42, 'ids');
 * random.hex(32); // the same 32 hex digits on every run with seed 42
 */
export function createRandom(seed: string | number, stream = ''): Random {
  let [a, b, c, d] = hashWords(`${seed}/${stream}`);
  const uint32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
  for (let i = 0; i < 12; i++) uint32();
  const next = (): number => uint32() / 4294967296;
  return {
    next,
    chance: (p) => p > 0 && (p >= 1 || next() < p),
    int: (n) => Math.floor(next() * n),
    hex: (length) => {
      let out = '';
      while (out.length < length) out += hex8(uint32());
      return out.slice(0, length);
    },
  };
}

/**
 * A fresh seed when the caller gave none. It is drawn lazily, at the first request: workerd forbids random
 * values outside a handler, and an emulator may be created at module scope.
 */
export function randomSeed(): string {
  const words = crypto.getRandomValues(new Uint32Array(2));
  return hex8(words[0]!) + hex8(words[1]!);
}
