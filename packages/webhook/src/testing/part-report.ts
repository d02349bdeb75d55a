/** One check of a part: what it checks, its target, what the run measured, and whether it held. */
export interface PartCheck {
  readonly what: string;
  readonly target: string;
  readonly result: string;
  readonly ok: boolean;
}

/** What one part of the reliability suite found; `violations` names each broken promise (capped). */
export interface PartReport {
  readonly part: 'fuzz' | 'storm' | 'faults' | 'sigkill' | 'regressions';
  readonly summary: string;
  readonly checks: readonly PartCheck[];
  readonly violations: readonly string[];
  readonly seconds: number;
}

/** Collects violations, keeping the first `max` in full and counting the rest. */
export function violationLog(max = 50) {
  const list: string[] = [];
  let more = 0;
  return {
    add(message: string) {
      if (list.length < max) list.push(message);
      else more++;
    },
    get count() {
      return list.length + more;
    },
    list: () => (more > 0 ? [...list, `... and ${more} more`] : [...list]),
  };
}
