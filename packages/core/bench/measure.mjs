// Results land here so the JIT cannot drop the work being measured.
export let sink;

// A tiny ops/s meter shared by the benchmarks: warm up, then run for a fixed time and take the best of
// several rounds (the machines are shared, so the best round is the least disturbed one).
export function opsPerSecond(fn, { rounds = 5, ms = 300 } = {}) {
  const warmUntil = performance.now() + ms;
  while (performance.now() < warmUntil) sink = fn();
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      for (let i = 0; i < 100; i++) sink = fn();
      n += 100;
      now = performance.now();
    }
    best = Math.max(best, (n * 1000) / (now - start));
  }
  return best;
}

export async function opsPerSecondAsync(fn, { rounds = 5, ms = 300 } = {}) {
  const warmUntil = performance.now() + ms;
  while (performance.now() < warmUntil) sink = await fn();
  let best = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < ms) {
      sink = await fn();
      n++;
      now = performance.now();
    }
    best = Math.max(best, (n * 1000) / (now - start));
  }
  return best;
}

export const fmt = (n) =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)} M/s` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k/s` : `${n.toFixed(1)} /s`;
