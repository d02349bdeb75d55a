import type { SendResponseBody } from '@clickwa/core';
import type { Emulator } from '../../src/index.ts';

/** Delays that play a message's whole life in tens of milliseconds, with no duplicates. */
export const FAST = {
  firstStatusMs: 5,
  stepMs: 10,
  jitterMs: 0,
  inboundDelayMs: 5,
  duplicateRate: 0,
  retryBackoffMs: [10, 10, 10],
  callbackTimeoutMs: 2000,
} as const;

/** Where a request goes: a base URL over real HTTP, or an emulator in-process. */
export type Target = string | Emulator;

/** An answer: HTTP status, headers and parsed body. */
export interface Answered {
  readonly status: number;
  readonly headers: Headers;
  readonly body: SendResponseBody;
}

/** Makes a request to a target, in-process or over HTTP, with the same code. */
export async function call(target: Target, path: string, init: RequestInit = {}): Promise<Response> {
  if (typeof target === 'string') return fetch(`${target}${path}`, init);
  return target.fetch(new Request(`http://emulator.local${path}`, init));
}

/** `POST /wa/messages` with a JSON body (or a raw string) and the key in `Authorization`. */
export async function send(
  target: Target,
  body: unknown,
  options: { key?: string | null; headers?: Record<string, string>; env?: object } = {},
): Promise<Answered> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const key = options.key === undefined ? 'local-dev-key' : options.key;
  if (key !== null) headers.authorization = key;
  const init = { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
  const response =
    typeof target !== 'string' && options.env
      ? await target.fetch(new Request('http://emulator.local/wa/messages', init), options.env)
      : await call(target, '/wa/messages', init);
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as SendResponseBody,
  };
}

/** `GET` an inspection endpoint as JSON. */
export async function inspect<T = Record<string, unknown>>(target: Target, path: string): Promise<T> {
  const response = await call(target, path);
  return (await response.json()) as T;
}

/** Polls `check` until it returns true, or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
