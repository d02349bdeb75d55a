// The same few sends on every runtime: imported by the worker (workerd) and by run-smoke.ts (Node 24, Bun,
// Deno). It imports only the core (its built dist, as users get it), never the emulator, which runs in the
// Node test process.
import { createClient, media, text } from '@clickwa/core';

export interface SmokeInput {
  readonly baseUrl: string;
  readonly refusedUrl: string;
  /** A server that answers every request with a redirect. */
  readonly redirectUrl: string;
  readonly apiKey: string;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** The emulator's magic number for 159 (not an approved WhatsApp number): `magicNumber.reject(159)`. */
const UNAPPROVED = '27999800159';

/** Sends through the client and returns a compact, JSON-able summary. */
export async function smoke({ baseUrl, refusedUrl, redirectUrl, apiKey }: SmokeInput) {
  const client = createClient({ apiKey, baseUrl, retry: { baseMs: 5, maxMs: 10 } });
  const results = await client.send([
    text('+27 99 900 0001', 'Hello from the runtime'),
    text('27999000002', ''),
    media(UNAPPROVED, PNG, { caption: 'pic' }),
  ]);
  let streamed = 0;
  let streamedAccepted = 0;
  const batch = Array.from({ length: 250 }, (_, i) =>
    text(`2799901${String(i).padStart(4, '0')}`, `bulk ${i}`),
  );
  for await (const r of client.sendAll(batch)) {
    streamed++;
    if (r.accepted) streamedAccepted++;
  }
  // An async source with a quiet spell: what it gave first goes out after lingerMs, before the rest comes.
  const lingered: number[] = [];
  const queueClient = createClient({
    apiKey,
    baseUrl,
    onRequest: (event) => lingered.push(event.messageCount),
  });
  async function* queue() {
    for (let i = 0; i < 10; i++) {
      if (i === 5) await new Promise((resolve) => setTimeout(resolve, 50));
      yield text(`2799902${String(i).padStart(4, '0')}`, `queued ${i}`);
    }
  }
  let queuedAccepted = 0;
  for await (const r of queueClient.sendAll(queue(), { lingerMs: 10 })) if (r.accepted) queuedAccepted++;
  const refused = await createClient({
    apiKey,
    baseUrl: refusedUrl,
    maxRetries: 1,
    retry: { baseMs: 5 },
  }).send(text('27999000004', 'x'));
  // Two requests' worth, one at a time: the first meets the redirect, the second is never made.
  const redirected = await createClient({ apiKey, baseUrl: redirectUrl, concurrency: 1 }).send(
    Array.from({ length: 201 }, (_, i) => text(`2799903${String(i).padStart(4, '0')}`, `redirected ${i}`)),
  );
  return {
    redirected: [redirected[0]!, redirected[200]!].map((r) => ({
      outcome: r.outcome,
      code: r.error?.code ?? null,
      status: (r.error as { status?: number } | undefined)?.status ?? null,
    })),
    results: results.map((r) => ({
      outcome: r.outcome,
      code: r.error?.code ?? null,
      id: /^[0-9a-f]{32}$/.test(r.clientMessageId),
      messageId: Boolean(r.messageId),
    })),
    streamed,
    streamedAccepted,
    queuedAccepted,
    lingered,
    refused: {
      outcome: refused.outcome,
      name: refused.error?.name,
      phase: (refused.error as { phase?: string } | undefined)?.phase ?? null,
    },
    shown: String(client).includes(apiKey) || JSON.stringify(client).includes(apiKey),
  };
}
