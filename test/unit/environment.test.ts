import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVersion } from '../../main/system/environmentProbe';
import { engineCheck } from '../../main/system/environment';
import { checkKubeconfig } from '../../main/system/environmentKubeconfig';
import { installFix, startEngineFix } from '../../main/system/environmentHints';
import type { EnvironmentCheck } from '../../contract/system';

describe('version parsing', () => {
  it.each([
    ['docker-compose version 1.29.2, build unknown', '1.29.2'],
    ['Docker Compose version v2.29.1', 'v2.29.1'],
    ['Docker version 20.10.24+dfsg1, build 297e128', '20.10.24+dfsg1'],
    ['kind v0.33.0 go1.26.8 linux/amd64', 'v0.33.0'],
    ['Client Version: v1.32.4-dispatcher\nKustomize Version: v5.5.0', 'v1.32.4-dispatcher'],
    ['no version here', undefined],
  ])('%s → %s', (output, version) => expect(parseVersion(output)).toBe(version));
});

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

describe('install hints', () => {
  it('gives a command and an https link for every tool on every OS', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const)
      for (const id of ['engine', 'docker', 'compose', 'kind', 'kubectl', 'kubeconfig'] as const) {
        const fix = installFix(id, os);
        expect(fix.text.length).toBeGreaterThan(10);
        expect(fix.url ?? '').toMatch(/^https:\/\//);
      }
    expect(startEngineFix('win32', undefined).text).toMatch(/Docker Desktop/);
  });
});

describe('kubeconfig check', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'berth-kubeconfig-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const config = (current: string, ...contexts: string[]) =>
    `apiVersion: v1\nkind: Config\ncurrent-context: ${current}\ncontexts:\n${contexts
      .map((c) => `- name: ${c}\n  context: {cluster: ${c}, user: ${c}}`)
      .join('\n')}\n`;

  it('is missing without ~/.kube/config', () => {
    const c = checkKubeconfig({}, 'linux', home);
    expect(c).toMatchObject({ found: false, status: 'missing' });
    expect(c.fix?.command).toBe('kind create cluster');
  });

  it('reads ~/.kube/config: contexts and the current one', () => {
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), config('kind-dev', 'kind-dev', 'prod'));
    expect(checkKubeconfig({}, 'linux', home)).toMatchObject({
      found: true,
      status: 'ok',
      detail: 'current context kind-dev · 2 contexts',
    });
  });

  it('merges the files in KUBECONFIG, skipping the missing ones', () => {
    writeFileSync(join(home, 'a'), config('a', 'a'));
    writeFileSync(join(home, 'b'), config('', 'b', 'c'));
    const c = checkKubeconfig(
      { KUBECONFIG: [join(home, 'nope'), join(home, 'a'), join(home, 'b')].join(':') },
      'linux',
      home,
    );
    expect(c).toMatchObject({ status: 'ok', detail: 'current context a · 3 contexts' });
  });

  it('flags a file with no contexts or that is not YAML', () => {
    writeFileSync(join(home, 'bad'), '{{{ not yaml');
    expect(checkKubeconfig({ KUBECONFIG: join(home, 'bad') }, 'linux', home)).toMatchObject({
      found: true,
      status: 'problem',
    });
  });
});
