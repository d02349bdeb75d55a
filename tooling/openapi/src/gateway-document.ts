import type { JsonSchema } from './to-components.ts';

/** The gateway's document (to be written). */
export function gatewayDocument(): JsonSchema {
  return { openapi: '3.1.0', info: { title: 'clickwa gateway', version: '0.1.0' }, paths: {} };
}
