import type { ReliabilityTarget } from './reliability-target.ts';

/** Calls the gateway with a deadline; a hang becomes an error naming the route. */
export async function call(
  target: ReliabilityTarget,
  path: string,
  init: RequestInit = {},
  timeoutMs = 30_000,
): Promise<Response> {
  return fetch(new URL(path, target.baseUrl), { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** GET an `/api` route with the bearer token; answers the status and the JSON body (null when none). */
export async function apiGet(
  target: ReliabilityTarget,
  path: string,
): Promise<{ status: number; body: unknown }> {
  const response = await call(target, `/api${path}`, {
    headers: { authorization: `Bearer ${target.apiToken}` },
  });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status says enough.
  }
  return { status: response.status, body };
}

/** POSTs a status callback with the body credentials; answers the status and the answer's JSON. */
export async function postStatus(
  target: ReliabilityTarget,
  callback: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  try {
    const response = await call(target, '/clickatell/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...callback, ...target.callback }),
    });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = JSON.parse(text);
    } catch {
      // A 5xx from a proxy may not be JSON.
    }
    return { status: response.status, body };
  } catch {
    // No answer at all (connection reset, a killed gateway): not acknowledged.
    return { status: 0, body: null };
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight. */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
