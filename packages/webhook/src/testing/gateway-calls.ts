import type { ReliabilityTarget } from './reliability-target.ts';
import type { StormCallback } from './status-storm.ts';

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
export function postStatus(
  target: ReliabilityTarget,
  callback: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  return postJson(target, '/clickatell/status', { ...callback, ...target.callback });
}

/** POSTs a JSON body; answers the status and the answer's JSON (status 0 when there was no answer). */
async function postJson(
  target: ReliabilityTarget,
  path: string,
  payload: unknown,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  try {
    const response = await call(target, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
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

/**
 * POSTs status callbacks of one API: a legacy one alone (body credentials), or One API ones together in one
 * body, the URL token in its path. Answers the status and the answer's JSON.
 */
export function postStatuses(
  target: ReliabilityTarget,
  callbacks: readonly (StormCallback & Record<string, unknown>)[],
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const [first] = callbacks;
  if (first?.api !== 'one') {
    const { api: _, ...legacy } = first!;
    return postStatus(target, legacy);
  }
  const items = callbacks.map(({ api: _, integrationId: _i, integrationName: _n, ...c }) => ({
    channel: 'whatsapp',
    ...c,
  }));
  return postJson(target, `/clickatell/status/${target.callbackToken}`, {
    integrationId: first.integrationId ?? 'fa8090815f05d5ed015f0b5b56080cd2',
    integrationName: first.integrationName ?? 'Storm',
    event: { messageStatusUpdate: items },
  });
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
