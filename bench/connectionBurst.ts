/**
 * `npx tsx bench/connectionBurst.ts`: why the load generator keeps its connections from the warm-up.
 * A bare Node http server (1.5 ms of CPU a request, no Bolt, no app) in its own process, hit by 50
 * callers in a closed loop over 50 brand-new keep-alive connections: while the first connections
 * keep it busy, the later connections' first requests wait, up to about 2 s on 2 shared cores.
 * Later requests on the same connections do not. It is Node's, so it is not in the ack rows.
 */
import { fork } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === 'server') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const started = performance.now();
      while (performance.now() - started < 1.5);
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1', () => process.send!((server.address() as AddressInfo).port));
} else {
  const child = fork(fileURLToPath(import.meta.url), ['server'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) => child.once('message', (p) => resolve(p as number)));
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0);
  for (let round = 1; round <= 3; round += 1) {
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const send = () =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const r = request({ host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-length': 1000 } }, (res) => {
          res.resume();
          res.on('end', () => resolve(performance.now() - started));
        });
        r.on('error', reject);
        r.end('x'.repeat(1000));
      });
    const first: number[] = [];
    const later: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        first.push(await send());
        for (let i = 0; i < 40; i += 1) later.push(await send());
      }),
    );
    first.sort((a, b) => a - b);
    later.sort((a, b) => a - b);
    console.log(
      `round ${round}: first request on each new connection p50 ${at(first, 0.5)} ms, max ${at(first, 1)} ms; later requests p50 ${at(later, 0.5)} ms, max ${at(later, 1)} ms`,
    );
    agent.destroy();
  }
  child.kill();
}
