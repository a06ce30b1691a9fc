import { describe, expect, it } from 'vitest';
import { loginError, signedInRegistries, type LoginDeps } from '../../../../../main/engine/images/registryLogin';

const deps = (config: unknown, helpers: Record<string, Record<string, string>> = {}): LoginDeps => ({
  env: { DOCKER_CONFIG: '/cfg' },
  readText: async (path) => {
    if (path !== '/cfg/config.json') throw new Error(`unexpected read of ${path}`);
    return JSON.stringify(config);
  },
  listHelper: async (name) => helpers[name] ?? {},
});

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('signed-in registries from the docker config', () => {
  it('lists auths entries with their user, never the password', async () => {
    const list = await signedInRegistries(
      deps({
        auths: {
          '127.0.0.1:5000': { auth: b64('alice:s3cret-pass') },
          'https://index.docker.io/v1/': { auth: b64('bob:tok') },
          'empty.example.com': {},
        },
      }),
    );
    expect(list).toEqual([
      { server: '127.0.0.1:5000', host: '127.0.0.1:5000', store: 'config file', username: 'alice' },
      { server: 'https://index.docker.io/v1/', host: 'docker.io', store: 'config file', username: 'bob' },
    ]);
    expect(JSON.stringify(list)).not.toContain('s3cret');
  });

  it('asks the credsStore and credHelpers for their lists (user names only)', async () => {
    const list = await signedInRegistries(
      deps(
        {
          credsStore: 'desktop',
          credHelpers: { 'ghcr.io': 'gh', 'quay.io': 'gh' },
          auths: { 'registry.example.com': {}, 'ghcr.io': {} },
        },
        { desktop: { 'registry.example.com': 'carol' }, gh: { 'https://ghcr.io': 'dave' } },
      ),
    );
    expect(list).toEqual([
      { server: 'ghcr.io', host: 'ghcr.io', store: 'credential helper gh', username: 'dave' },
      {
        server: 'registry.example.com',
        host: 'registry.example.com',
        store: 'credential helper desktop',
        username: 'carol',
      },
    ]);
  });

  it('an unreadable or missing config lists nothing', async () => {
    const none: LoginDeps = {
      env: {},
      readText: async () => Promise.reject(new Error('ENOENT')),
      listHelper: async () => ({}),
    };
    expect(await signedInRegistries(none)).toEqual([]);
  });
});

describe("what docker login's refusals become", () => {
  const server = '10.0.0.1:5443';
  it('a wrong password', () => {
    const e = loginError(
      server,
      'Error response from daemon: Get "https://10.0.0.1:5443/v2/": unauthorized: authentication required',
    );
    expect(e.message).toBe('10.0.0.1:5443 refused the user name or password.');
    expect(e.hint).toMatch(/Nothing was saved/);
  });

  it('a certificate the engine does not trust', () => {
    const e = loginError(
      server,
      'Error response from daemon: Get "https://10.0.0.1:5443/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority',
    );
    expect(e.message).toMatch(/does not trust 10\.0\.0\.1:5443's TLS certificate/);
    expect(e.hint).toContain('/etc/docker/certs.d/10.0.0.1:5443/ca.crt');
  });

  it('a registry that is not there, and Docker Hub by name', () => {
    expect(
      loginError(
        server,
        'Error response from daemon: Get "https://10.0.0.1:5443/v2/": dial tcp 10.0.0.1:5443: connect: connection refused',
      ).message,
    ).toMatch(/^Cannot reach 10\.0\.0\.1:5443/);
    expect(loginError('docker.io', 'unauthorized: incorrect username or password').message).toBe(
      'Docker Hub refused the user name or password.',
    );
  });
});
