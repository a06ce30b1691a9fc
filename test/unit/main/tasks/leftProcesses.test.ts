import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { endLeftProcesses, leftProcess } from '../../../../main/tasks/leftProcesses';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** A real process in its own group, as spawnLines starts a CLI; resolves with how it ended. */
function startSleep(seconds: string) {
  const child = spawn('sleep', [seconds], { detached: true, stdio: 'ignore' });
  started.push(child);
  const ended = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  return { child, ended };
}

describe('CLIs a killed Berth left running', () => {
  it('ends one still running with the command line it was started with, and says so', async () => {
    const { child, ended } = startSleep('301');
    const said = await endLeftProcesses([leftProcess(child.pid as number, ['sleep', '301'])]);
    expect(await ended).toBe('SIGTERM');
    expect(said).toEqual([`Ended sleep 301 (pid ${child.pid}), which the stopped Berth had left running.`]);
  });

  it('knows a script again behind its interpreter (ps shows `sh /path/script …`)', async () => {
    const child = spawn('sh', ['-c', 'sleep 303', 'berth-script', 'a b'], { detached: true, stdio: 'ignore' });
    started.push(child);
    const ended = new Promise((r) => child.once('exit', (_code, signal) => r(signal)));
    // As if Berth had started `berth-script -c 'sleep 303' …`, which the interpreter shows as `sh -c …`.
    const said = await endLeftProcesses([
      leftProcess(child.pid as number, ['/usr/bin/berth', '-c', 'sleep 303', 'berth-script', 'a b']),
    ]);
    expect(said).toHaveLength(1);
    expect(await ended).toBe('SIGTERM');
  });

  it('never touches a process whose command line differs (the id was reused), nor one that is gone', async () => {
    const { child } = startSleep('302');
    const said = await endLeftProcesses([
      leftProcess(child.pid as number, ['docker', 'buildx', 'build', '.']),
      leftProcess(2 ** 22 + 12345, ['sleep', '302']),
    ]);
    expect(said).toEqual([]);
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
  });

  it('keeps a digest of the command line, never the line itself (build args may hold secrets)', () => {
    const kept = leftProcess(42, ['docker', 'buildx', 'build', '--build-arg', 'TOKEN=s3cret', '.']);
    expect(kept).toEqual({
      pid: 42,
      name: 'docker buildx build',
      digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      length: 'buildx build --build-arg TOKEN=s3cret .'.length,
    });
    expect(JSON.stringify(kept)).not.toContain('s3cret');
  });
});
