/**
 * Rootless Podman as a user runs it: Debian's `podman system service` started as `berth-rootless`, a system
 * user this helper makes when it is absent (with ranges in /etc/subuid and /etc/subgid, so newuidmap from
 * `uidmap` can map its containers' users), with its own HOME and XDG_RUNTIME_DIR in a temporary folder.
 * Podman then serves its Docker-compatible API on its default socket, $XDG_RUNTIME_DIR/podman/podman.sock,
 * where a user's Berth looks for it. The fixture busybox is loaded into the user's own storage (vfs: it needs
 * nothing from the kernel or /dev/fuse, and the image is small). Needs root, as CI runs: the user is made
 * here, and podman is started under its uid and gid. This machine's quirk, not Podman's: /dev/net/tun is
 * root's only, so slirp4netns (rootless containers' network) cannot open it; then `runNetwork` says to run
 * test containers with network "none" (Podman's Docker API takes no default network from containers.conf).
 * Each phase prints its time.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eventually, FIXTURE_BUSYBOX } from './docker';
import { answersPing, stopProcess } from './daemons';

const exec = promisify(execFile);

export const ROOTLESS_USER = 'berth-rootless';
/** Where the helper puts the user's subordinate ids when it has none: above the ranges already given out. */
const SUBID_COUNT = 65_536;

export interface RootlessPodman {
  /** The user's uid and gid (not 0). */
  uid: number;
  gid: number;
  /** The user's HOME and XDG_RUNTIME_DIR, as its session would have them. */
  home: string;
  runtimeDir: string;
  /** $XDG_RUNTIME_DIR/podman/podman.sock */
  socket: string;
  /** The service's process id. */
  pid: number;
  /**
   * The network to run test containers on: undefined (Podman's rootless default, through slirp4netns), or
   * "none" where slirp4netns cannot open /dev/net/tun.
   */
  runNetwork: 'none' | undefined;
  /** Runs the podman CLI as the user, in its session. */
  podman(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await work();
  console.log(`[podmanRootless] ${what}: ${Date.now() - t0} ms`);
  return result;
}

const sh = async (cmd: string, args: string[]) => (await exec(cmd, args)).stdout.trim();
const quiet = (cmd: string, args: string[]) => sh(cmd, args).catch(() => '');

function readLines(file: string): string[] {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** The first id above every range /etc/subuid or /etc/subgid gives out (100000 when none is). */
function nextSubordinateId(): number {
  let next = 100_000;
  for (const file of ['/etc/subuid', '/etc/subgid']) {
    for (const line of readLines(file)) {
      const [, start, count] = line.split(':');
      if (start && count) next = Math.max(next, Number(start) + Number(count));
    }
  }
  return next;
}

const hasRange = (file: string) => readLines(file).some((l) => l.startsWith(`${ROOTLESS_USER}:`));

/** Makes the user (no login, no home of its own) and its subordinate id ranges, unless they exist. */
async function ensureUser(): Promise<{ uid: number; gid: number }> {
  if (!(await quiet('getent', ['passwd', ROOTLESS_USER]))) {
    await sh('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      '--comment',
      'Berth tests - rootless Podman',
      ROOTLESS_USER,
    ]);
  }
  if (!hasRange('/etc/subuid') || !hasRange('/etc/subgid')) {
    const first = nextSubordinateId();
    const range = `${first}-${first + SUBID_COUNT - 1}`;
    if (!hasRange('/etc/subuid')) await sh('usermod', ['--add-subuids', range, ROOTLESS_USER]);
    if (!hasRange('/etc/subgid')) await sh('usermod', ['--add-subgids', range, ROOTLESS_USER]);
  }
  const id = async (flag: string) => Number(await sh('id', [flag, ROOTLESS_USER]));
  return { uid: await id('-u'), gid: await id('-g') };
}

/** The ids of the processes `uid` runs. */
const processesOf = (uid: number): number[] =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      try {
        return statSync(`/proc/${pid}`).uid === uid;
      } catch {
        return false;
      }
    });

/** Whether a user other than root may open /dev/net/tun, as slirp4netns must. */
const tunForEveryone = () => {
  try {
    return (statSync('/dev/net/tun').mode & 0o006) === 0o006;
  } catch {
    return false;
  }
};

export async function startRootlessPodman(): Promise<RootlessPodman> {
  const { uid, gid } = await timed('user and subordinate ids', ensureUser);
  const dir = mkdtempSync(join(tmpdir(), 'berth-podman-rootless-'));
  chmodSync(dir, 0o755);
  const home = join(dir, 'home');
  const runtimeDir = join(dir, 'run');
  for (const [path, mode] of [
    [home, 0o755],
    [runtimeDir, 0o700],
  ] as const) {
    mkdirSync(path, { mode });
    chownSync(path, uid, gid);
  }
  const config = join(home, '.config', 'containers');
  mkdirSync(config, { recursive: true });
  writeFileSync(join(config, 'storage.conf'), '[storage]\ndriver = "vfs"\n');
  await sh('chown', ['-R', `${uid}:${gid}`, join(home, '.config')]);

  const env: NodeJS.ProcessEnv = {
    HOME: home,
    XDG_RUNTIME_DIR: runtimeDir,
    USER: ROOTLESS_USER,
    LOGNAME: ROOTLESS_USER,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  };
  const asUser = { uid, gid, env, cwd: home };
  const podman = async (...args: string[]) =>
    (await exec('podman', args, { ...asUser, maxBuffer: 64 * 1024 * 1024 })).stdout.trim();

  await timed('load the fixture image (docker save | podman load, as the user)', async () => {
    const tar = join(dir, 'busybox.tar');
    await exec('docker', ['save', FIXTURE_BUSYBOX, '-o', tar]);
    chmodSync(tar, 0o644);
    await podman('load', '-i', tar);
    rmSync(tar);
  });
  const socket = join(runtimeDir, 'podman', 'podman.sock');
  let child: ChildProcess | undefined;
  await timed('podman system service (as the user, on its default socket)', async () => {
    const log = openSync(join(dir, 'service.log'), 'a');
    child = spawn('podman', ['system', 'service', '--time=0'], { ...asUser, stdio: ['ignore', log, log] });
    const exited = new Promise<never>((_, reject) =>
      child?.once('exit', (code) =>
        reject(new Error(`podman system service exited (${code}): ${readFileSync(join(dir, 'service.log'), 'utf8')}`)),
      ),
    );
    await Promise.race([eventually('rootless podman to answer', () => answersPing(socket), 60_000), exited]);
  });
  const service = child;
  if (!service?.pid) throw new Error('podman system service did not start');
  return {
    uid,
    gid,
    home,
    runtimeDir,
    socket,
    pid: service.pid,
    runNetwork: tunForEveryone() ? undefined : 'none',
    podman,
    stop: async () => {
      await podman('rm', '--all', '--force').catch(() => '');
      service.removeAllListeners('exit');
      await stopProcess(service);
      await podman('system', 'reset', '--force').catch(() => '');
      // What outlives the service: podman's pause process (it holds the user's namespaces) and the conmon of
      // each exec session (it waits minutes before it exits). Only this helper runs anything as this user.
      for (const pid of processesOf(uid)) {
        try {
          process.kill(pid);
        } catch {
          /* gone meanwhile */
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
