/**
 * A private registry for the sign-in tests: Debian's docker-registry with htpasswd (bcrypt) auth over TLS,
 * its certificate signed by a CA made here with openssl, which the engines trust through
 * /etc/docker/certs.d/<host:port>/ca.crt (read per request, no restart). It listens on the modern engine's
 * veth address on the host (10.231.0.1, see test/engines/lib.sh): not loopback, so the engines really check
 * the certificate (127.0.0.0/8 is insecure-by-default), and reachable from both engines' network
 * namespaces but from nothing outside this machine. Needs root (certs.d). `stop()` removes all of it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';

const exec = promisify(execFile);

export interface TlsRegistry {
  /** host:port, as an image reference and `docker login` name it. */
  host: string;
  username: string;
  password: string;
  /** The engines' trust for it (the CA in certs.d): taken away and given back. */
  distrust(): void;
  trust(): void;
  stop(): Promise<void>;
}

export const REGISTRY_ADDRESS = process.env.BERTH_MODERN_HOST_IP ?? '10.231.0.1';

async function freePortOn(address: string): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, address, resolve);
  });
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A bcrypt htpasswd line: apache2-utils' htpasswd when installed, else Python's crypt (libxcrypt). */
async function htpasswdLine(user: string, password: string): Promise<string> {
  try {
    return (await exec('htpasswd', ['-nbB', user, password])).stdout.trim();
  } catch {
    const script = 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH)))';
    const { stdout } = await exec('python3', ['-W', 'ignore', '-c', script, password]).catch((e: unknown) => {
      throw new Error('No bcrypt for htpasswd: install apache2-utils (htpasswd -B).', { cause: e });
    });
    return `${user}:${stdout.trim()}`;
  }
}

/** GET /v2/ over TLS with the CA: the registry answers 401 when it is up. */
function answers(host: string, ca: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`https://${host}/v2/`, { agent: new Agent({ ca }), timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 401);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startTlsRegistry(username: string, password: string): Promise<TlsRegistry> {
  const address = REGISTRY_ADDRESS;
  const port = await freePortOn(address).catch((e: unknown) => {
    throw new Error(
      `Cannot listen on ${address}: the modern engine's veth is missing (start it with test/engines/start-modern.sh).`,
      { cause: e },
    );
  });
  const host = `${address}:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'berth-tls-registry-'));
  const f = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => exec('openssl', args, { cwd: dir });
  await openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', '/CN=berth-test-ca'); // prettier-ignore
  await openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', `/CN=${address}`); // prettier-ignore
  writeFileSync(
    f('ext.cnf'),
    `subjectAltName=IP:${address}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n`,
  );
  await openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.crt'), '-days', '2', '-extfile', f('ext.cnf')); // prettier-ignore
  writeFileSync(f('htpasswd'), `${await htpasswdLine(username, password)}\n`);
  writeFileSync(
    f('config.yml'),
    [
      'version: 0.1',
      'log: { level: warn }',
      `storage: { filesystem: { rootdirectory: ${f('data')} }, delete: { enabled: true } }`,
      `http: { addr: "${host}", tls: { certificate: ${f('server.crt')}, key: ${f('server.key')} } }`,
      `auth: { htpasswd: { realm: berth-test, path: ${f('htpasswd')} } }`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', f('config.yml')], { stdio: 'ignore' });
  const certsDir = join('/etc/docker/certs.d', host);
  const trust = () => {
    mkdirSync(certsDir, { recursive: true });
    copyFileSync(f('ca.crt'), join(certsDir, 'ca.crt'));
  };
  const distrust = () => rmSync(certsDir, { recursive: true, force: true });
  trust();
  const ca = readFileSync(f('ca.crt'));
  const deadline = Date.now() + 20_000;
  while (!(await answers(host, ca))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      distrust();
      throw new Error(`docker-registry did not come up on ${host}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    host,
    username,
    password,
    trust,
    distrust,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      distrust();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
