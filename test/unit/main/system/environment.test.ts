/** The engine's row of the environment check: reachable, not running, not installed. */
import { describe, expect, it } from 'vitest';
import { engineCheck } from '../../../../main/system/environment';
import type { EnvironmentCheck } from '../../../../contract/system';

const dockerCli = (found: boolean): EnvironmentCheck => ({
  id: 'docker',
  label: 'docker CLI',
  found,
  status: found ? 'ok' : 'missing',
  required: false,
  usedFor: '',
});

describe('engine check', () => {
  it('reports a connected engine with its version', () => {
    const c = engineCheck(
      {
        status: 'connected',
        endpoint: 'unix:///var/run/docker.sock',
        source: 'default socket',
        version: '27.0.1',
        apiVersion: '1.46',
        os: 'linux/amd64',
      },
      dockerCli(true),
      'linux',
    );
    expect(c).toMatchObject({ found: true, status: 'ok', version: '27.0.1', required: true });
  });

  it('says how to start an installed engine that is down, per OS', () => {
    const down = {
      status: 'unreachable' as const,
      endpoint: 'unix:///var/run/docker.sock',
      source: 'default socket',
      error: 'Docker engine not reachable at /var/run/docker.sock (ECONNREFUSED).',
    };
    expect(engineCheck(down, dockerCli(true), 'linux').fix?.command).toBe('sudo systemctl start docker');
    expect(engineCheck(down, dockerCli(true), 'darwin').fix?.command).toBe('open -a Docker');
    const denied = { ...down, error: 'Permission denied on the Docker socket /var/run/docker.sock.' };
    expect(engineCheck(denied, dockerCli(true), 'linux').fix?.command).toBe('sudo usermod -aG docker $USER');
  });

  it('says how to install it when there is neither a socket nor a CLI', () => {
    const none = {
      status: 'unreachable' as const,
      endpoint: 'unix:///var/run/docker.sock',
      source: 'default socket (not found)',
      error: 'Docker engine not reachable at /var/run/docker.sock (ENOENT).',
    };
    const c = engineCheck(none, dockerCli(false), 'win32');
    expect(c).toMatchObject({ found: false, status: 'missing' });
    expect(c.fix?.url).toMatch(/windows-install/);
  });
});
