import { sha256Hex } from '@clickwa/core';
import { quarantineBody } from '../callbacks/quarantine-body.ts';
import { toCallbackEvents } from '../callbacks/to-callback-events.ts';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * What the gateway keeps for an authenticated body: its events under `keys` (any number for a One API body),
 * with a quarantine entry `quarantineId` too when it holds members the core cannot read; or only the
 * quarantine entry, when it cannot become events.
 */
export type Kept =
  | { readonly keys: readonly string[]; readonly quarantineId?: string }
  | { readonly quarantineId: string };

/**
 * Decodes a body as the callback routes do: strict UTF-8 (else replacement characters), then JSON; `json` is
 * undefined when it does not parse.
 */
export function readBody(bytes: Uint8Array): { text: string; utf8: boolean; json: unknown; parsed: boolean } {
  let text: string;
  let utf8 = true;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    text = lenientUtf8.decode(bytes);
    utf8 = false;
  }
  try {
    return { text, utf8, json: JSON.parse(text), parsed: true };
  } catch {
    return { text, utf8, json: undefined, parsed: false };
  }
}

/**
 * Predicts what a callback route keeps of an authenticated body: the same decoding, parsing and quarantine
 * id as the gateway's (`POST <path>` and the body without its credentials). The fuzz suite holds the gateway's
 * answers to it, and looks up what a refused body would have left.
 */
export async function predictKept(
  path: string,
  bytes: Uint8Array,
  secrets: readonly string[],
  maxDepth: number,
): Promise<Kept> {
  const { text, utf8, json, parsed } = readBody(bytes);
  const body = quarantineBody(text, parsed ? json : undefined, secrets, maxDepth);
  const quarantineId = () => sha256Hex(encoder.encode(`POST ${path}\n${body}`));
  if (utf8 && parsed) {
    const outcome = await toCallbackEvents(json, maxDepth, 0);
    if (outcome.ok) {
      const keys = outcome.events.map((e) => e.key);
      return outcome.unrecognized.length > 0 ? { keys, quarantineId: await quarantineId() } : { keys };
    }
  }
  return { quarantineId: await quarantineId() };
}
