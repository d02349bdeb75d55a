// The gateway inside a Fastify 5 app, under /whatsapp. Fastify parses bodies before route handlers, so the
// gateway takes its requests in an onRequest hook, raw and hijacked, with the prefix stripped.

import { createNodeGateway } from '@clickwa/node';
import Fastify from 'fastify';

const gateway = await createNodeGateway({
  databaseUrl: process.env.DATABASE_URL,
  auth: {
    apiToken: process.env.API_TOKEN,
    callbackUsername: 'clickatell',
    callbackPassword: process.env.CALLBACK_PASSWORD,
  },
  onEvent: (event) => console.log('event', event.key),
});
const whatsapp = gateway.nodeHandler({ prefix: '/whatsapp' });

const app = Fastify();
app.addHook('onRequest', (request, reply, done) => {
  if (request.url !== '/whatsapp' && !request.url.startsWith('/whatsapp/')) return done();
  reply.hijack();
  whatsapp(request.raw, reply.raw);
});
app.post('/orders', async (request) => ({ received: request.body }));

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`listening on ${address}`);
process.once('SIGTERM', () =>
  app
    .close()
    .then(() => gateway.close())
    .then(() => process.exit(0)),
);
