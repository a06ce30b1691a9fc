/**
 * A Docker engine listening on tcp with TLS, as a remote host set up by the docs ("Protect the Docker daemon
 * socket"): a CA, a server certificate for its address and a client certificate, all made here with
 * openssl, plus a second, unrelated CA (the "wrong CA" case). dockerd runs in a network namespace this
 * helper creates (a veth pair: 10.237.14.1 here, 10.237.14.2 inside) with `--tlsverify`, so it demands the
 * client certificate. `certDir(which)` gives a DOCKER_CERT_PATH-style folder. Needs root, as CI runs.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './docker';
import { answersPing, privateDockerdArgs, stopProcess } from './daemons';

const exec = promisify(execFile);
const sh = async (cmd: string, args: string[], cwd?: string) => (await exec(cmd, args, { cwd })).stdout.trim();
const quiet = (cmd: string, args: string[]) => sh(cmd, args).catch(() => '');

export const TLS_NETNS = 'berth-remote-tls';
export const TLS_HOST_IP = '10.237.14.2';
const HOST_SIDE_IP = '10.237.14.1';
const VETH = 'brt-h';
const VETH_PEER = 'brt-n';

export interface TlsEngine {
  /** tcp://10.237.14.2:2376 */
  url: string;
  /** Its unix socket, for setting it up from the test (loading an image). */
  socket: string;
  /** A folder with ca.pem, cert.pem, key.pem: `good` (all right), `wrongCa`, `noClientCert` (ca.pem only). */
  certDir(which: 'good' | 'wrongCa' | 'noClientCert'): string;
  /** The client's private key, to check that it never leaks. */
  clientKey: string;
  stop(): Promise<void>;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  console.log(`[tlsEngine] ${what}: ${Date.now() - t0} ms`);
  return result;
}

async function makeCerts(dir: string): Promise<void> {
  const o = (...args: string[]) => sh('openssl', args, dir);
  for (const ca of ['ca', 'other-ca']) {
    await o(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=berth test ${ca}`,
      '-keyout',
      `${ca}-key.pem`,
      '-out',
      `${ca}.pem`,
    );
  }
  writeFileSync(join(dir, 'server.ext'), `subjectAltName = IP:${TLS_HOST_IP}\nextendedKeyUsage = serverAuth\n`);
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage = clientAuth\n');
  for (const [name, subject] of [
    ['server', `/CN=${TLS_HOST_IP}`],
    ['client', '/CN=berth-test-client'],
  ] as const) {
    await o(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      subject,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
    );
    await o(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}-cert.pem`,
    );
  }
  const folder = (name: string, files: Record<string, string>) => {
    mkdirSync(join(dir, name));
    for (const [to, from] of Object.entries(files)) copyFileSync(join(dir, from), join(dir, name, to));
  };
  folder('good', { 'ca.pem': 'ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' });
  folder('wrongCa', { 'ca.pem': 'other-ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem' });
  folder('noClientCert', { 'ca.pem': 'ca.pem' });
}

async function network(): Promise<void> {
  await quiet('ip', ['netns', 'del', TLS_NETNS]);
  await quiet('ip', ['link', 'del', VETH]);
  await sh('ip', ['netns', 'add', TLS_NETNS]);
  await sh('ip', ['link', 'add', VETH, 'type', 'veth', 'peer', 'name', VETH_PEER]);
  await sh('ip', ['link', 'set', VETH_PEER, 'netns', TLS_NETNS]);
  await sh('ip', ['addr', 'add', `${HOST_SIDE_IP}/30`, 'dev', VETH]);
  await sh('ip', ['link', 'set', VETH, 'up']);
  const inNs = (args: string[]) => sh('ip', ['netns', 'exec', TLS_NETNS, 'ip', ...args]);
  await inNs(['addr', 'add', `${TLS_HOST_IP}/30`, 'dev', VETH_PEER]);
  await inNs(['link', 'set', VETH_PEER, 'up']);
  await inNs(['link', 'set', 'lo', 'up']);
}

export async function startTlsEngine(): Promise<TlsEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tls-engine-'));
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  await timed('certificates (openssl)', () => makeCerts(certs));
  await timed('network namespace', network);
  const socket = join(dir, 'docker.sock');
  let child: ChildProcess | undefined;
  await timed('dockerd with --tlsverify', async () => {
    // nsenter, not `ip netns exec`: that remounts /sys, and dockerd then finds no cgroups.
    child = spawn(
      'nsenter',
      [
        `--net=/var/run/netns/${TLS_NETNS}`,
        'dockerd',
        '--tlsverify',
        '--tlscacert',
        join(certs, 'ca.pem'),
        '--tlscert',
        join(certs, 'server-cert.pem'),
        '--tlskey',
        join(certs, 'server-key.pem'),
        '--host',
        `tcp://${TLS_HOST_IP}:2376`,
        '--host',
        `unix://${socket}`,
        ...privateDockerdArgs(dir),
      ],
      { stdio: 'ignore' },
    );
    await eventually('the TLS engine to answer', () => answersPing(socket), 60_000);
  });
  return {
    url: `tcp://${TLS_HOST_IP}:2376`,
    socket,
    certDir: (which) => join(certs, which),
    clientKey: readFileSync(join(certs, 'client-key.pem'), 'utf8'),
    stop: async () => {
      const c = child;
      child = undefined;
      await stopProcess(c);
      await quiet('ip', ['link', 'del', VETH]);
      await quiet('ip', ['netns', 'del', TLS_NETNS]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
