// The gateway inside an Express 5 app, under /whatsapp. Mount it BEFORE any body parser: the gateway reads the
// raw body itself. Express strips the mount path, so the plain handler is used.

import { createClient } from '@clickwa/core';
import { createNodeGateway } from '@clickwa/node';
import express from 'express';

const gateway = await createNodeGateway({
  databaseUrl: process.env.DATABASE_URL, // unset: SQLite in ./.clickwa/
  auth: {
    apiToken: process.env.API_TOKEN,
    callbackUsername: process.env.CALLBACK_USERNAME,
    callbackPassword: process.env.CALLBACK_PASSWORD,
  },
  // POST /whatsapp/api/messages sends with it: to the emulator locally, to Clickatell when unset.
  client: createClient({
    apiKey: process.env.CLICKATELL_API_KEY,
    baseUrl: process.env.CLICKATELL_BASE_URL || undefined,
  }),
  onEvent: (event) => console.log('event', event.key),
});

const app = express();
app.use('/whatsapp', gateway.handler);
app.use(express.json());
app.post('/orders', (req, res) => res.json({ received: req.body }));

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`listening on http://127.0.0.1:${server.address().port}`),
);
process.once('SIGTERM', () => server.close(() => gateway.close().then(() => process.exit(0))));
