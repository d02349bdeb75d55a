import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/cpuprof', process.cwd() + '/bench/_prof.mjs', process.argv[2]], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((r) => child.stdout.on('data', (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) r(m[1]); }));
let seq = 0;
const r = await autocannon({ url: url + '/clickatell/status', connections: 64, duration: 4, method: 'POST', headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ messageId: 'p' + (++seq), statusCode: 4, timestamp: 1760000000000 + seq, username: 'clickatell', password: 'bench-callback-password' }) }) }] });
console.log(Math.round(r.requests.average), 'req/s');
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
