// The gateway beside your own routes on a bare node:http server, under /whatsapp.
import { createServer } from 'node:http';
import { createNodeGateway } from '@clickwa/node';

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

const server = createServer((req, res) => {
  if (req.url === '/whatsapp' || req.url.startsWith('/whatsapp/')) return whatsapp(req, res);
  if (req.url !== '/orders') return res.writeHead(404).end();
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ received: body ? JSON.parse(body) : null }));
  });
});
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () =>
  console.log(`listening on http://127.0.0.1:${server.address().port}`),
);
process.once('SIGTERM', () => server.close(() => gateway.close().then(() => process.exit(0))));
