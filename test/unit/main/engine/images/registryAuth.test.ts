import { describe, expect, it } from 'vitest';
import {
  configPath,
  normalizeRegistry,
  resolveAuth,
  type AuthDeps,
} from '../../../../../main/engine/images/registryAuth';

function deps(
  config: unknown,
  helpers: Record<string, Record<string, unknown>> = {},
  env = {},
): AuthDeps & {
  calls: string[];
} {
  const calls: string[] = [];
  return {
    calls,
    env: { HOME: '/home/u', ...env },
    readText: async (path) => {
      calls.push(`read ${path}`);
      if (config === undefined) throw new Error('ENOENT');
      return JSON.stringify(config);
    },
    runHelper: async (name, stdin) => {
      calls.push(`helper ${name} ${stdin}`);
      const found = helpers[name]?.[stdin];
      if (!found) throw new Error('credentials not found in native keychain');
      return JSON.stringify(found);
    },
  };
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
/** The credentials resolveAuth gives for a username and password. */
const login = (username: string, password: string, serveraddress: string) => ({ username, password, serveraddress });

describe('registry credentials from the docker config', () => {
  it('reads $DOCKER_CONFIG, else ~/.docker', () => {
    expect(configPath({ HOME: '/home/u' })).toBe('/home/u/.docker/config.json');
    expect(configPath({ HOME: '/home/u', DOCKER_CONFIG: '/etc/dc' })).toBe('/etc/dc/config.json');
  });

  it('normalizes registry keys', () => {
    expect(normalizeRegistry('https://index.docker.io/v1/')).toBe('docker.io');
    expect(normalizeRegistry('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
    expect(normalizeRegistry('GHCR.io')).toBe('ghcr.io');
  });

  it('decodes base64 auths entries, matching the registry however it was written', async () => {
    const d = deps(
      {
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
          'http://127.0.0.1:5000': { auth: b64('me:s3:cr3t') },
          'ghcr.io': { identitytoken: 'tok' },
        },
      },
      {},
      { DOCKER_CONFIG: '/cfg' },
    );
    expect(await resolveAuth('docker.io', d)).toEqual(login('hubuser', 'hubpass', 'https://index.docker.io/v1/'));
    expect(await resolveAuth('127.0.0.1:5000', d)).toEqual(login('me', 's3:cr3t', '127.0.0.1:5000'));
    expect(await resolveAuth('ghcr.io', d)).toEqual({ identitytoken: 'tok', serveraddress: 'ghcr.io' });
    expect(await resolveAuth('quay.io', d)).toBeUndefined();
    expect(d.calls[0]).toBe('read /cfg/config.json');
  });

  it('asks a per-registry credHelper first, then the credsStore', async () => {
    const d = deps(
      {
        credHelpers: { 'registry.example.com': 'ecr-login' },
        credsStore: 'desktop',
        auths: { 'registry.example.com': {}, 'docker.io': {} },
      },
      {
        'ecr-login': { 'registry.example.com': { Username: 'AWS', Secret: 'pw' } },
        desktop: { 'https://index.docker.io/v1/': { Username: '<token>', Secret: 'idtok' } },
      },
    );
    expect(await resolveAuth('registry.example.com', d)).toEqual(login('AWS', 'pw', 'registry.example.com'));
    expect(await resolveAuth('docker.io', d)).toEqual({
      identitytoken: 'idtok',
      serveraddress: 'https://index.docker.io/v1/',
    });
    expect(d.calls).toContain('helper ecr-login registry.example.com');
  });

  it('is anonymous when there is no config, or the helper has nothing', async () => {
    expect(await resolveAuth('docker.io', deps(undefined))).toBeUndefined();
    expect(await resolveAuth('quay.io', deps({ credsStore: 'pass' }))).toBeUndefined();
  });
});

describe('build credentials', () => {
  it('finds the registries of the FROM images, skipping stages, scratch and ARG references', async () => {
    const { baseImageRegistries, buildRegistryConfig } = await import('../../../../../main/engine/images/buildAuth');
    const dockerfile = [
      'ARG BASE=alpine',
      'FROM --platform=linux/amd64 ghcr.io/org/builder:1 AS build',
      'FROM $BASE',
      'FROM build AS again',
      'FROM scratch',
      'FROM 127.0.0.1:5000/base/runtime',
      'FROM busybox',
    ].join('\n');
    expect(baseImageRegistries(dockerfile)).toEqual(['ghcr.io', '127.0.0.1:5000', 'docker.io']);
    const d = deps({ auths: { 'ghcr.io': { auth: b64('u:p') } } });
    expect(await buildRegistryConfig(dockerfile, d)).toEqual({
      'ghcr.io': { username: 'u', password: 'p', serveraddress: 'ghcr.io' },
    });
  });
});
