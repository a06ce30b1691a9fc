/**
 * What the daemons tests start themselves have in common (a private dockerd, a TLS dockerd, podman's
 * service, sshd): the flags a private dockerd runs with, whether an engine socket answers, and stopping one.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

/**
 * This machine's quirk (see test/fixtures/start-services.sh): without CAP_SYS_RESOURCE, `--privileged`
 * (kind's nodes) needs the runtime wrapper that start-services.sh installed.
 */
export function runtimeArgs(): string[] {
  const bounding = /^CapBnd:\s*([0-9a-f]+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 'ffffffffff';
  const hasSysResource = (BigInt(`0x${bounding}`) >> 24n) & 1n;
  const wrapper = '/usr/local/sbin/berth-test-runc';
  return hasSysResource || !existsSync(wrapper)
    ? []
    : ['--add-runtime', `berth-test-runc=${wrapper}`, '--default-runtime', 'berth-test-runc'];
}

/** A dockerd of a test's own under `dir`: its data (or `dataRoot`), exec root and pid file; no bridge, no iptables. */
export const privateDockerdArgs = (dir: string, dataRoot = join(dir, 'data')): string[] => [
  '--data-root',
  dataRoot,
  '--exec-root',
  join(dir, 'exec'),
  '--pidfile',
  join(dir, 'docker.pid'),
  '--bridge',
  'none',
  '--iptables=false',
  '--ip-masq=false',
  ...runtimeArgs(),
];

/** Whether the Docker-compatible API on `socket` answers `/_ping`. */
export const answersPing = (socket: string): Promise<boolean> =>
  new Promise<boolean>((resolve) => {
    const req = request({ socketPath: socket, path: '/_ping' }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end();
  });

/** Signals a child process (SIGTERM unless told) and waits for it to exit; nothing to do when it has. */
export async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}
