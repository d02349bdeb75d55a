// A campaign on Bun: `bun main.ts recipients.csv results.jsonl`. The CSV (`to,name` header) is streamed into
// the client's sendAll, which batches (200 messages a request), sends several requests at once, and yields
// each result as its request settles, so memory stays flat however long the file. Ctrl-C stops sending:
// results of requests in flight are still written, and rows not reached are simply not sent.
import { createClient, text } from '@clickwa/core';

const [recipientsFile = 'recipients.csv', resultsFile = 'results.jsonl'] = process.argv.slice(2);

const client = createClient({
  apiKey: process.env.CLICKATELL_API_KEY,
  // Unset (or empty): https://platform.clickatell.com; the emulator (`pnpm emulator`) locally.
  baseUrl: process.env.CLICKATELL_BASE_URL || undefined,
});

/** The file's lines, read as a stream. */
async function* lines(path: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of Bun.file(path).stream().pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    yield* parts;
  }
  if (rest !== '') yield rest;
}

/** One text message per row after the header; the client validates each (a bad number comes back rejected). */
async function* readRecipients() {
  let header = true;
  for await (const line of lines(recipientsFile)) {
    if (header || line.trim() === '') {
      header = false;
      continue;
    }
    const [to = '', name = ''] = line.split(',');
    yield text(to.trim(), `Hi ${name.trim()}, your order has shipped`);
  }
}

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
const signal = controller.signal;

const out = Bun.file(resultsFile).writer();
const counts: Record<string, number> = {};
async function save(index: number, r: Awaited<ReturnType<typeof client.send>>[number]) {
  counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  out.write(
    `${JSON.stringify({ index, to: r.to, outcome: r.outcome, messageId: r.messageId, code: r.error?.code })}\n`,
  );
}

for await (const r of client.sendAll(readRecipients(), { signal })) await save(r.index, r);
await out.end();
console.log(JSON.stringify(counts));
