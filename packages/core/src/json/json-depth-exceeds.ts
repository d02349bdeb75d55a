/**
 * Whether parsed JSON nests deeper than `max` objects or arrays, counted without recursion: a body nested
 * 100,000 deep must be answered, not overflow the stack of the code that checks it or the `JSON.stringify`
 * that would store it.
 *
 * @example jsonDepthExceeds(JSON.parse('[[[1]]]'), 2) // true
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
