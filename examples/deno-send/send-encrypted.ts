// Content encrypted before it leaves, with data keys from AWS KMS (or the emulator's KMS locally), on Deno:
// deno run --allow-net=<platform host>,<KMS host> --allow-env=CLICKATELL_API_KEY,CLICKATELL_BASE_URL,\
//   KMS_KEY_ID,KMS_ENDPOINT,AWS_REGION,AWS_ACCESS_KEY_ID,AWS_SECRET_ACCESS_KEY,AWS_SESSION_TOKEN --allow-read=. \
//   send-encrypted.ts statement.pdf
import { createClient, media, template, text } from '@clickwa/core';
import { createEncryption, kmsKeyProvider } from '@clickwa/core/encryption';

const env = (name: string): string => Deno.env.get(name) ?? '';
const client = createClient({
  apiKey: env('CLICKATELL_API_KEY'),
  baseUrl: env('CLICKATELL_BASE_URL') || undefined,
});
const encryption = createEncryption({
  keyProvider: kmsKeyProvider({
    region: env('AWS_REGION'),
    keyId: env('KMS_KEY_ID') || 'alias/clickatell', // the KMS key your Clickatell integration may decrypt with
    credentials: {
      accessKeyId: env('AWS_ACCESS_KEY_ID'),
      secretAccessKey: env('AWS_SECRET_ACCESS_KEY'),
      sessionToken: env('AWS_SESSION_TOKEN') || undefined, // temporary credentials (a role): optional
    },
    // Unset: kms.<region>.amazonaws.com; locally the emulator's KMS, http://127.0.0.1:8790/_emulator/kms
    endpoint: env('KMS_ENDPOINT') || undefined,
  }),
});

const statementPdf = await Deno.readFile(Deno.args[0] ?? 'statement.pdf');
const results = await client.send(
  [
    text('+27 99 900 0001', 'Your balance is R 1,024.00'),
    template('+27 99 900 0002', 'payment_alert', ['R 150', '1234']), // values encrypted, not the template
    media('+27 99 900 0003', statementPdf, { caption: 'Your statement' }), // file and caption; sha256Hash added
  ],
  { encryption },
);
for (const r of results)
  console.log(r.to, r.outcome, r.messageId ?? `${r.error?.code} ${r.error?.description}`);
