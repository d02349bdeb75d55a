import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClient, LIMITS, type OutboundMessage } from '../src/index.ts';

type Segment = { kind: 'text' | 'invalid'; count: number } | { kind: 'media'; count: number; size: number };

const segment: fc.Arbitrary<Segment> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('text' as const), count: fc.integer({ min: 1, max: 400 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('invalid' as const), count: fc.integer({ min: 1, max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('media' as const),
      count: fc.integer({ min: 1, max: 25 }),
      // Mostly small files, some near the 1 MB limit so that 15 or so fill a 20 MB request.
      size: fc.oneof(
        { weight: 2, arbitrary: fc.integer({ min: 100, max: 20_000 }) },
        { weight: 1, arbitrary: fc.constantFrom(600_000, 900_000, 1_000_000) },
      ),
    }),
  },
);

// Base64 of at most `size` zero bytes, shared between messages of one size so a run does not hold hundreds of MB.
const contents = new Map<number, string>();
const base64Of = (size: number) => {
  const s = contents.get(size) ?? 'A'.repeat(Math.floor(size / 3) * 4);
  contents.set(size, s);
  return s;
};

function build(segments: Segment[]): OutboundMessage[] {
  const messages: OutboundMessage[] = [];
  let bigBytes = 0;
  for (const s of segments) {
    for (let i = 0; i < s.count && messages.length < 2_000; i++) {
      const to = `2799${String(messages.length).padStart(7, '0')}`;
      if (s.kind === 'media') {
        // Cap the run's total media so the test stays fast.
        bigBytes += s.size;
        if (bigBytes > 45_000_000) break;
        messages.push({ to, contentType: 'application/pdf', content: base64Of(s.size) });
      } else messages.push({ to, content: s.kind === 'text' ? `hello ${messages.length}` : '' });
    }
  }
  return messages;
}

describe('client batching (property)', () => {
  it('keeps every request within 200 messages and 20 MB, sends each valid message once, answers in input order', async () => {
    const encoder = new TextEncoder();
    let largest = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 12 }), async (segments) => {
        const messages = build(segments);
        const seen = new Map<string, number>();
        // Recorded, not asserted in the fetch: the client would turn a throw there into `unknown` results.
        const requests: { bytes: number; count: number }[] = [];
        const fetch = async (_url: string, init: RequestInit) => {
          const body = init.body as string;
          const bytes = encoder.encode(body).length;
          largest = Math.max(largest, bytes);
          const sent = (JSON.parse(body) as { messages: { to: string; clientMessageId: string }[] }).messages;
          requests.push({ bytes, count: sent.length });
          for (const m of sent) seen.set(m.to, (seen.get(m.to) ?? 0) + 1);
          const answers = sent.map((m) => ({
            clientMessageId: m.clientMessageId,
            messageId: `m${m.to}`,
            accepted: true,
            to: m.to,
            error: null,
          }));
          await new Promise((r) => setTimeout(r, Math.random() * 3));
          return new Response(JSON.stringify({ error: null, messages: answers.reverse() }), { status: 202 });
        };
        const client = createClient({ apiKey: 'k', fetch, concurrency: 4 });
        const results = await client.send(messages);
        for (const { bytes, count } of requests) {
          expect(bytes).toBeLessThanOrEqual(LIMITS.maxRequestBytes);
          expect(count).toBeGreaterThan(0);
          expect(count).toBeLessThanOrEqual(LIMITS.maxMessagesPerRequest);
        }
        expect(results).toHaveLength(messages.length);
        results.forEach((r, i) => {
          // Each result is its own message's: the number sent at that position.
          expect(r.to).toBe(messages[i]!.to);
          const valid = (messages[i] as { content: string }).content !== '';
          expect(r.outcome).toBe(valid ? 'accepted' : 'rejected');
          expect(seen.get(messages[i]!.to) ?? 0).toBe(valid ? 1 : 0);
          if (valid) expect(r.messageId).toBe(`m${messages[i]!.to}`);
        });
      }),
      // The first run fills requests to the 20 MB limit whatever the random ones do: 25 files of 1 MB.
      { numRuns: 40, examples: [[[{ kind: 'media', count: 25, size: 1_000_000 }]]] },
    );
    // The runs did push requests against the 20 MB limit, not only the 200-message one.
    expect(largest).toBeGreaterThan(LIMITS.maxRequestBytes - 1_400_000);
  }, 120_000);
});
