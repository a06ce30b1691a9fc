/**
 * The environment check against real programs: PATH is pointed at temp folders holding symlinks to the
 * machine's real docker-compose, kubectl and docker (or nothing), and a tiny `kind` script stands in where
 * kind is not installed. Each tool is checked present and absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkEnvironment } from '../../main/system/environment';
import { findExecutable, type ProbeEnv } from '../../main/system/environmentProbe';
import { checkCompose, checkKind, checkKubectl, checkDockerCli } from '../../main/system/environmentTools';
import type { EngineState } from '../../contract/system';
import type { EnvironmentCheck } from '../../contract/system';

const machine = { env: process.env, platform: process.platform };
const DOCKER_COMPOSE = findExecutable('docker-compose', machine);
const KUBECTL = findExecutable('kubectl', machine);
const DOCKER = findExecutable('docker', machine);
const REAL_KIND = [findExecutable('kind', machine), join(homedir(), '.cache', 'berth-kube', 'bin', 'kind')].find(
  (p) => p && existsSync(p),
);

let root: string;
let empty: string;
const probe = (...dirs: string[]): ProbeEnv => ({
  env: { ...process.env, PATH: dirs.join(':'), KUBECONFIG: join(root, 'no-kubeconfig') },
  platform: process.platform,
  timeoutMs: 10_000,
});
const binDir = (name: string, links: Record<string, string>): string => {
  const d = join(root, name);
  mkdirSync(d);
  for (const [n, target] of Object.entries(links)) symlinkSync(target, join(d, n));
  return d;
};
const script = (dir: string, name: string, body: string): string => {
  const f = join(dir, name);
  writeFileSync(f, `#!/bin/sh\n${body}\n`);
  chmodSync(f, 0o755);
  return f;
};
const cliVersion = (file: string, ...args: string[]): string => execFileSync(file, args, { encoding: 'utf8' });

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'berth-env-'));
  empty = join(root, 'empty');
  mkdirSync(empty);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('with nothing on PATH', () => {
  it('reports docker, compose, kind and kubectl missing, each with a fix', async () => {
    const p = probe(empty);
    const checks = await Promise.all([checkDockerCli(p), checkCompose('', p), checkKind('', p), checkKubectl(p)]);
    for (const c of checks) {
      expect(c, c.id).toMatchObject({ found: false, status: 'missing' });
      expect(c.fix?.url, c.id).toMatch(/^https:/);
    }
    expect(checks[1]?.hint).toMatch(/Neither `docker compose`.*nor `docker-compose`/);
  });
});

describe.runIf(DOCKER_COMPOSE)('docker-compose (v1) on PATH', () => {
  it('is found through a symlink to the real binary, with its real version', async () => {
    const c = await checkCompose('', probe(binDir('compose-v1', { 'docker-compose': DOCKER_COMPOSE ?? '' })));
    const expected = /(\d+\.\d+\.\d+)/.exec(cliVersion(DOCKER_COMPOSE ?? '', '--version'))?.[1];
    expect(c).toMatchObject({ found: true, status: 'ok', label: 'docker-compose' });
    expect(c.version).toContain(expected);
    expect(c.path).toBe(join(root, 'compose-v1', 'docker-compose'));
  });

  it('is used when the docker CLI has no compose plugin', async () => {
    const links: Record<string, string> = { 'docker-compose': DOCKER_COMPOSE ?? '' };
    if (DOCKER) links.docker = DOCKER;
    const c = await checkCompose('', probe(binDir('compose-both', links)));
    // This machine's docker has no v2 plugin (`docker compose` fails), so the v1 binary answers.
    const plugin = DOCKER
      ? (() => {
          try {
            cliVersion(DOCKER, 'compose', 'version');
            return true;
          } catch {
            return false;
          }
        })()
      : false;
    expect(c.label).toBe(plugin ? 'docker compose' : 'docker-compose');
    expect(c.status).toBe('ok');
  });

  it('honours the compose binary from Settings, and reports a missing one', async () => {
    const ok = await checkCompose(DOCKER_COMPOSE ?? '', probe(empty));
    expect(ok).toMatchObject({ found: true, status: 'ok', path: DOCKER_COMPOSE });
    const missing = await checkCompose(join(root, 'nowhere', 'docker-compose'), probe(empty));
    expect(missing).toMatchObject({ found: false, status: 'missing' });
    expect(missing.hint).toMatch(/from Settings/);
  });
});

describe.runIf(DOCKER)('docker compose (v2 plugin)', () => {
  it('is tried through `docker compose version` and only counts when it answers', async () => {
    const c = await checkCompose('docker', probe(binDir('docker-only', { docker: DOCKER ?? '' })));
    let plugin: string | undefined;
    try {
      plugin = cliVersion(DOCKER ?? '', 'compose', 'version');
    } catch {
      plugin = undefined;
    }
    if (plugin) expect(c).toMatchObject({ status: 'ok', label: 'docker compose' });
    else expect(c).toMatchObject({ found: true, status: 'problem' }); // the CLI is there, the plugin is not
  });
});

describe.runIf(KUBECTL)('kubectl', () => {
  it('finds the real kubectl and reads its client version', async () => {
    const c = await checkKubectl(probe(binDir('kubectl', { kubectl: KUBECTL ?? '' })));
    const expected = /Client Version: (v\S+)/.exec(cliVersion(KUBECTL ?? '', 'version', '--client'))?.[1];
    expect(c).toMatchObject({ found: true, status: 'ok', version: expected });
  });
});

describe('kind', () => {
  it('finds a kind on PATH and reads its version (a stand-in script)', async () => {
    const dir = join(root, 'fake-kind');
    mkdirSync(dir);
    script(dir, 'kind', 'echo "kind v0.99.1 go1.22.0 linux/amd64"');
    expect(await checkKind('', probe(dir))).toMatchObject({ found: true, status: 'ok', version: 'v0.99.1' });
  });

  it('reports a kind that fails as present but not working', async () => {
    const dir = join(root, 'broken-kind');
    mkdirSync(dir);
    script(dir, 'kind', 'echo "segfault" >&2; exit 3');
    const c = await checkKind('', probe(dir));
    expect(c).toMatchObject({ found: true, status: 'problem' });
    expect(c.hint).toMatch(/exited with code 3/);
  });

  it('gives up on a kind that hangs, after the timeout', async () => {
    const dir = join(root, 'hanging-kind');
    mkdirSync(dir);
    script(dir, 'kind', 'exec /bin/sleep 30');
    const t0 = Date.now();
    const c = await checkKind('', { ...probe(dir), timeoutMs: 500 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(c.hint).toMatch(/timed out/);
  });

  it('does not run a file without the execute bit', async () => {
    const dir = join(root, 'noexec-kind');
    mkdirSync(dir);
    writeFileSync(join(dir, 'kind'), '#!/bin/sh\necho kind v1.0.0\n');
    expect(await checkKind('', probe(dir))).toMatchObject({ found: false, status: 'missing' });
  });

  it.runIf(REAL_KIND)('finds the real kind binary from the kind binary setting', async () => {
    const c = await checkKind(REAL_KIND ?? '', probe(empty));
    const expected = /kind (v\S+)/.exec(cliVersion(REAL_KIND ?? '', 'version'))?.[1];
    expect(c).toMatchObject({ found: true, status: 'ok', version: expected, path: REAL_KIND });
  });
});

describe('the whole report', () => {
  const engine: EngineState = {
    status: 'connected',
    endpoint: 'unix:///var/run/docker.sock',
    source: 'test',
    version: '1.2.3',
  };

  it('lists the engine, docker, compose, kind, kubectl and kubeconfig, in that order', async () => {
    const report = await checkEnvironment({
      probe: probe(empty),
      home: root,
      settings: { composeBinary: '', kindBinary: '' },
      engine: async () => engine,
    });
    expect(report.checks.map((c: EnvironmentCheck) => c.id)).toEqual([
      'engine',
      'docker',
      'compose',
      'kind',
      'kubectl',
      'kubeconfig',
    ]);
    expect(report.checks.map((c) => c.status)).toEqual(['ok', 'missing', 'missing', 'missing', 'missing', 'missing']);
  });

  it('matches this machine with its real PATH', async () => {
    const report = await checkEnvironment({
      probe: { env: process.env, platform: process.platform, timeoutMs: 10_000 },
      settings: { composeBinary: '', kindBinary: '' },
      engine: async () => engine,
    });
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('kubectl')?.found).toBe(Boolean(KUBECTL));
    expect(byId.get('docker')?.found).toBe(Boolean(DOCKER));
    expect(byId.get('compose')?.found).toBe(Boolean(DOCKER_COMPOSE) || byId.get('compose')?.label === 'docker compose');
    expect(byId.get('kind')?.found).toBe(Boolean(findExecutable('kind', machine)));
  });
});
