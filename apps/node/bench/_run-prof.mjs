import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
for (const kind of process.argv.slice(2)) {
  const child = spawn(process.execPath, [process.cwd() + '/bench/_prof.mjs', kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((r) => child.stdout.on('data', (d) => { const m = /listening on (\S+)/.exec(String(d)); if (m) r(m[1]); }));
  let seq = 0;
  const r = await autocannon({ url: url + '/clickatell/status', connections: 64, duration: 3, method: 'POST', headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ messageId: 'p' + (++seq), statusCode: 4, timestamp: 1760000000000 + seq, username: 'clickatell', password: 'bench-callback-password' }) }) }] });
  console.log(kind, Math.round(r.requests.average), 'req/s p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
  child.kill();
}
