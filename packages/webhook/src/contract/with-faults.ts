import type { Store } from '../store.ts';

/** The Store methods that return a promise: the ones a fault can be injected into. */
type AsyncMethod = {
  [K in keyof Store]: Store[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof Store];

/**
 * `store` with `methods` rejecting whenever `fail()` says so, before reaching the store (so a failed call has
 * no effect); every other method is the store's own.
 */
export function withFaults(store: Store, methods: readonly AsyncMethod[], fail: () => boolean): Store {
  const wrapped = { ...store } as Record<string, unknown>;
  for (const name of methods) {
    const real = (store[name] as (...args: unknown[]) => Promise<unknown>).bind(store);
    wrapped[name] = (...args: unknown[]) =>
      fail() ? Promise.reject(new Error(`injected ${name} failure`)) : real(...args);
  }
  return wrapped as unknown as Store;
}
