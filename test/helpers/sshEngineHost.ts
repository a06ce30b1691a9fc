/**
 * A "remote" Docker host for the ssh:// tests: Debian's sshd in a network namespace this helper creates
 * (a veth pair, 10.237.13.1 on this side and 10.237.13.2 inside), with a host key made here, password
 * login off, and one key-only user (`berthremote`, in the `docker` group, so its non-interactive shell can
 * run `docker system dial-stdio` against this machine's engine socket). The client's key and known_hosts
 * live in a fake home folder handed to Berth, so the user's own ~/.ssh is never read or written.
 * `rotateHostKey()` restarts sshd with a new host key (the "changed key" case); `listenOn(port)` moves it to
 * another port. `engineHost` points the remote user's docker at another engine (sshd's `SetEnv DOCKER_HOST`),
 * so a test can tell the remote engine from this machine's. `cliSshDir()` is a folder with an `ssh` for the
 * docker CLI's and compose's own ssh (the client key and this host's key only; nothing from root's ~/.ssh).
 * Needs root, as CI runs. Each phase prints its time.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually } from './docker';
import { stopProcess } from './daemons';

const exec = promisify(execFile);

export const SSH_NETNS = 'berth-remote-ssh';
export const SSH_HOST_IP = '10.237.13.2';
const HOST_SIDE_IP = '10.237.13.1';
const VETH = 'brs-h';
const VETH_PEER = 'brs-n';
export const SSH_USER = 'berthremote';

export interface SshEngineHostOptions {
  /** The engine the remote user's `docker` reaches (e.g. unix:///…/docker.sock); else this machine's default socket. */
  engineHost?: string;
}

export interface SshEngineHost {
  /** ssh://berthremote@10.237.13.2 (port 22; `listenOn` gives the URL with another port). */
  url: string;
  /** The fake home handed to Berth: .ssh/id_ed25519 (the client key) and .ssh/known_hosts. */
  home: string;
  /** The client's private key, to check that it never leaks. */
  clientKey: string;
  /** A `known_hosts` line for the current host key and port (`[ip]:port …` when the port is not 22). */
  knownHostsLine(): string;
  /** Restarts sshd listening on `port` only; returns ssh://berthremote@10.237.13.2:<port>. */
  listenOn(port: number): Promise<string>;
  /**
   * A folder with an `ssh` wrapper for the docker CLI (put it first on PATH): the client key, and a
   * known_hosts holding this host's current key and port, with strict checking and no prompts.
   */
  cliSshDir(): string;
  /** SHA256 fingerprint of the current host key, as `ssh-keygen -lf` prints it. */
  fingerprint(): Promise<string>;
  rotateHostKey(): Promise<void>;
  /** Takes the veth link down (the host "vanishes" from the network) and brings it back. */
  cutNetwork(): Promise<void>;
  restoreNetwork(): Promise<void>;
  /** This machine's address on the veth pair: not loopback, so an engine there counts as remote. */
  hostSideIp: string;
  stop(): Promise<void>;
}

const sh = async (cmd: string, args: string[]) => (await exec(cmd, args)).stdout.trim();
const quiet = (cmd: string, args: string[]) => sh(cmd, args).catch(() => '');

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  console.log(`[sshEngineHost] ${what}: ${Date.now() - t0} ms`);
  return result;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, SSH_HOST_IP);
    socket.once('data', (b) => {
      socket.destroy();
      resolve(b.toString().startsWith('SSH-'));
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function ensureUser(): Promise<string> {
  const existing = await quiet('getent', ['passwd', SSH_USER]);
  if (!existing) {
    await sh('useradd', [
      '--system',
      '--create-home',
      '--home-dir',
      `/var/lib/${SSH_USER}`,
      '--shell',
      '/bin/sh',
      SSH_USER,
    ]);
  }
  await sh('usermod', ['-a', '-G', 'docker', SSH_USER]);
  // Key-only: '*' is no password at all ('!', a locked account, would make sshd refuse keys too).
  await sh('usermod', ['-p', '*', SSH_USER]);
  return (await sh('getent', ['passwd', SSH_USER])).split(':')[5] ?? `/var/lib/${SSH_USER}`;
}

async function network(): Promise<void> {
  await quiet('ip', ['netns', 'del', SSH_NETNS]);
  await quiet('ip', ['link', 'del', VETH]);
  await sh('ip', ['netns', 'add', SSH_NETNS]);
  await sh('ip', ['link', 'add', VETH, 'type', 'veth', 'peer', 'name', VETH_PEER]);
  await sh('ip', ['link', 'set', VETH_PEER, 'netns', SSH_NETNS]);
  await sh('ip', ['addr', 'add', `${HOST_SIDE_IP}/30`, 'dev', VETH]);
  await sh('ip', ['link', 'set', VETH, 'up']);
  const inNs = (args: string[]) => sh('ip', ['netns', 'exec', SSH_NETNS, 'ip', ...args]);
  await inNs(['addr', 'add', `${SSH_HOST_IP}/30`, 'dev', VETH_PEER]);
  await inNs(['link', 'set', VETH_PEER, 'up']);
  await inNs(['link', 'set', 'lo', 'up']);
}

export async function startSshEngineHost(options: SshEngineHostOptions = {}): Promise<SshEngineHost> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'));
  chmodSync(dir, 0o755);
  const home = join(dir, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const clientKeyPath = join(home, '.ssh', 'id_ed25519');
  const authorized = join(dir, 'authorized_keys');

  await timed('user', ensureUser);
  await timed('keys', async () => {
    await sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey, '-C', 'berth-test-host']);
    await sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKeyPath, '-C', 'berth-test-client']);
    writeFileSync(authorized, readFileSync(`${clientKeyPath}.pub`));
    chmodSync(authorized, 0o644);
  });
  await timed('network namespace', network);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const config = join(dir, 'sshd_config');
  let port = 22;
  const writeConfig = () =>
    writeFileSync(
      config,
      [
        `ListenAddress ${SSH_HOST_IP}`,
        `Port ${port}`,
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${authorized}`,
        `AllowUsers ${SSH_USER}`,
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication yes',
        'PermitRootLogin no',
        'UsePAM no',
        'StrictModes no',
        `PidFile ${join(dir, 'sshd.pid')}`,
        'LogLevel INFO',
        ...(options.engineHost ? [`SetEnv DOCKER_HOST=${options.engineHost}`] : []),
        '',
      ].join('\n'),
    );
  writeConfig();

  let child: ChildProcess | undefined;
  const start = () =>
    timed('sshd', async () => {
      child = spawn('ip', ['netns', 'exec', SSH_NETNS, '/usr/sbin/sshd', '-D', '-e', '-f', config], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      child.stderr?.on('data', () => {});
      await eventually('sshd to answer in its namespace', () => answers(port), 30_000);
    });
  const stopSshd = async () => {
    const c = child;
    child = undefined;
    await stopProcess(c);
  };
  await start();
  const publicHostKey = () => readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/);
  const knownHostsLine = () => {
    const [type, key] = publicHostKey();
    return `${port === 22 ? SSH_HOST_IP : `[${SSH_HOST_IP}]:${port}`} ${type} ${key}`;
  };
  const cliBin = join(dir, 'cli-bin');
  const cliSshDir = () => {
    const knownHosts = join(dir, 'cli_known_hosts');
    writeFileSync(knownHosts, `${knownHostsLine()}\n`);
    if (!existsSync(join(cliBin, 'ssh'))) {
      mkdirSync(cliBin, { recursive: true });
      const key = join(dir, 'cli_key');
      copyFileSync(clientKeyPath, key);
      chmodSync(key, 0o600);
      writeFileSync(
        join(cliBin, 'ssh'),
        `#!/bin/sh\nexec /usr/bin/ssh -F /dev/null -i ${key} -o IdentitiesOnly=yes -o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes -o BatchMode=yes "$@"\n`,
      );
      chmodSync(join(cliBin, 'ssh'), 0o755);
    }
    return cliBin;
  };

  return {
    url: `ssh://${SSH_USER}@${SSH_HOST_IP}`,
    home,
    clientKey: readFileSync(clientKeyPath, 'utf8'),
    knownHostsLine,
    listenOn: async (next) => {
      await stopSshd();
      port = next;
      writeConfig();
      await start();
      return `ssh://${SSH_USER}@${SSH_HOST_IP}:${port}`;
    },
    cliSshDir,
    fingerprint: async () => (await sh('ssh-keygen', ['-lf', `${hostKey}.pub`])).split(/\s+/)[1] ?? '',
    hostSideIp: HOST_SIDE_IP,
    cutNetwork: async () => void (await sh('ip', ['link', 'set', VETH, 'down'])),
    restoreNetwork: async () => void (await sh('ip', ['link', 'set', VETH, 'up'])),
    rotateHostKey: async () => {
      await stopSshd();
      rmSync(hostKey, { force: true });
      rmSync(`${hostKey}.pub`, { force: true });
      await sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey, '-C', 'berth-test-host-2']);
      await start();
    },
    stop: async () => {
      await stopSshd();
      await quiet('ip', ['link', 'del', VETH]);
      await quiet('ip', ['netns', 'del', SSH_NETNS]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
