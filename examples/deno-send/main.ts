// Sends a text, a template checked against your copy of the approved templates, and a PDF, on Deno:
// deno run --allow-net=<platform host> --allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL --allow-read=. main.ts invoice.pdf
// (`deno.json` has `"nodeModulesDir": "manual"`: Deno takes `@clickwa/core` from node_modules.)
import { createClient, defineTemplates, media, template, text } from '@clickwa/core';

const client = createClient({
  apiKey: Deno.env.get('CLICKATELL_API_KEY'),
  // Unset (or empty): https://platform.clickatell.com; the emulator (`pnpm emulator`) locally.
  baseUrl: Deno.env.get('CLICKATELL_BASE_URL') || undefined,
  // A template name or parameter count that does not match is rejected here, before anything is sent.
  templates: defineTemplates({
    payment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}',
  }),
});
const pdfBytes = await Deno.readFile(Deno.args[0] ?? 'invoice.pdf');

const [a, b, c] = await client.send([
  text('+27 99 900 0001', 'Your order has shipped', { previewFirstUrl: false }),
  template('+27 99 900 0002', 'payment_alert', ['$150', '1234']),
  media('+27 99 900 0003', pdfBytes, { caption: 'Your invoice' }), // content type sniffed from the bytes
]);
for (const r of [a, b, c])
  console.log(r.to, r.outcome, r.messageId ?? `${r.error?.code} ${r.error?.description}`);
