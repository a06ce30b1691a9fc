/**
 * A slow TCP link for fault tests: listens on HOST:PORT and forwards each connection to TARGET_HOST:PORT,
 * passing at most BYTES_PER_SECOND each way, so a pull or push through it lasts long enough to be cut in
 * the middle. Run as a separate process (inside a test's network namespace with nsenter); prints
 * "listening" once ready. Usage: node throttleProxy.mjs 127.0.0.1:5000 127.0.0.1:5001 4000000
 */
import { createServer, connect } from 'node:net';

const [listen, target, rate] = process.argv.slice(2);
const [host, port] = listen.split(':');
const [targetHost, targetPort] = target.split(':');
const perTick = Math.max(1, Math.floor(Number(rate) / 10));

/** Pipes `from` into `to`, at most `perTick` bytes per 100 ms. */
function throttled(from, to) {
  let budget = perTick;
  const refill = setInterval(() => {
    budget = perTick;
    if (from.isPaused()) from.resume();
  }, 100);
  from.on('data', (chunk) => {
    budget -= chunk.length;
    to.write(chunk);
    if (budget <= 0) from.pause();
  });
  from.on('end', () => to.end());
  from.on('close', () => {
    clearInterval(refill);
    to.destroy();
  });
  from.on('error', () => to.destroy());
}

createServer((client) => {
  const upstream = connect(Number(targetPort), targetHost);
  throttled(client, upstream);
  throttled(upstream, client);
}).listen(Number(port), host, () => console.log('listening'));
