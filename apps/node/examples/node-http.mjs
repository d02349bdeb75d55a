// The gateway beside your own routes on a node:http server, under /whatsapp. createGatewayServer is
// http.createServer, except that an answer owed to a callback goes out before the connection is closed for
// bytes past its declared length (plain createServer works too).
import { createGatewayServer, createNodeGateway } from '@clickwa/node';

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

const server = createGatewayServer((req, res) => {
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
