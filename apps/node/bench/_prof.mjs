import { createMemoryStore } from '@clickwa/webhook';
import { createNodeGateway, createSqliteStore } from '@clickwa/node';
const kind = process.argv[2];
const dir = '/tmp/prof-' + process.pid;
const store = kind === 'memory' ? Object.assign(createMemoryStore(), { close: async () => {} }) : createSqliteStore({ path: dir + '/g.db', mediaDir: dir + '/m', synchronous: kind === 'off' ? 'OFF' : 'FULL' });
const g = await createNodeGateway({ store, auth: { callbackUsername: 'clickatell', callbackPassword: 'bench-callback-password' } });
const { port } = await g.listen({ port: 0 });
process.on('SIGINT', () => process.exit(0));
console.log(`listening on http://127.0.0.1:${port}`);
