import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { endpointIsLocal, resolveEndpoint, type EndpointEnv } from '../../../../main/engine/endpoint';

const env = (over: Partial<EndpointEnv> & { files?: Record<string, string> } = {}): EndpointEnv => ({
  env: {},
  home: '/home/u',
  platform: 'linux',
  listDir: () => [],
  exists: (p) => Object.hasOwn(over.files ?? {}, p),
  readFile: (p) => over.files?.[p],
  ...over,
});

describe('engine endpoint discovery', () => {
  it('prefers the Settings override, then DOCKER_HOST', () => {
    expect(resolveEndpoint('/tmp/x.sock', env({ env: { DOCKER_HOST: 'tcp://1.2.3.4:2375' } }))).toEqual({
      url: 'unix:///tmp/x.sock',
      source: 'Settings',
    });
    expect(resolveEndpoint(undefined, env({ env: { DOCKER_HOST: 'tcp://127.0.0.1:2375' } })).source).toBe(
      'DOCKER_HOST',
    );
  });

  it('follows the current docker context like the CLI', () => {
    const hash = createHash('sha256').update('desktop-linux').digest('hex');
    const e = env({
      files: {
        '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'desktop-linux' }),
        [`/home/u/.docker/contexts/meta/${hash}/meta.json`]: JSON.stringify({
          Endpoints: { docker: { Host: 'unix:///home/u/.docker/desktop/docker.sock' } },
        }),
      },
    });
    expect(resolveEndpoint(undefined, e)).toEqual({
      url: 'unix:///home/u/.docker/desktop/docker.sock',
      source: 'docker context "desktop-linux"',
      context: 'desktop-linux',
    });
  });

  it('finds rootless and Docker Desktop sockets when the default is absent', () => {
    expect(
      resolveEndpoint(
        undefined,
        env({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, files: { '/run/user/1000/docker.sock': '' } }),
      ),
    ).toEqual({
      url: 'unix:///run/user/1000/docker.sock',
      source: 'rootless Docker',
    });
    expect(resolveEndpoint(undefined, env({ files: { '/home/u/.docker/run/docker.sock': '' } })).source).toBe(
      'Docker Desktop',
    );
  });

  it("finds rootless Podman's socket in the user's XDG_RUNTIME_DIR, before the system-wide Podman's", () => {
    const runtime = { XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(
      resolveEndpoint(undefined, env({ env: runtime, files: { '/run/user/1000/podman/podman.sock': '' } })),
    ).toEqual({ url: 'unix:///run/user/1000/podman/podman.sock', source: 'Podman' });
    const both = { '/run/user/1000/podman/podman.sock': '', '/run/podman/podman.sock': '' };
    expect(resolveEndpoint(undefined, env({ env: runtime, files: both })).url).toBe(
      'unix:///run/user/1000/podman/podman.sock',
    );
    expect(resolveEndpoint(undefined, env({ files: both })).url).toBe('unix:///run/podman/podman.sock');
    // Docker's sockets come before Podman's: the system's, then the user's rootless one.
    expect(
      resolveEndpoint(
        undefined,
        env({ env: runtime, files: { ...both, '/run/user/1000/docker.sock': '', '/var/run/docker.sock': '' } }),
      ).url,
    ).toBe('unix:///var/run/docker.sock');
    expect(
      resolveEndpoint(undefined, env({ env: runtime, files: { ...both, '/run/user/1000/docker.sock': '' } })).source,
    ).toBe('rootless Docker');
  });

  it('says where it looked when nothing is there, and uses the pipe on Windows', () => {
    expect(resolveEndpoint(undefined, env())).toEqual({
      url: 'unix:///var/run/docker.sock',
      source: 'default socket (not found)',
    });
    expect(resolveEndpoint(undefined, env({ platform: 'win32' })).url).toBe('npipe:////./pipe/docker_engine');
  });

  it('says which endpoints are on this machine', () => {
    expect(endpointIsLocal('unix:///var/run/docker.sock')).toBe(true);
    expect(endpointIsLocal('npipe:////./pipe/docker_engine')).toBe(true);
    expect(endpointIsLocal('tcp://127.0.0.1:2376')).toBe(true);
    expect(endpointIsLocal('tcp://10.0.0.5:2376')).toBe(false);
    expect(endpointIsLocal('ssh://me@localhost')).toBe(false);
    expect(endpointIsLocal('ssh://me@build-server:2222')).toBe(false);
  });

  it('takes TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH like the CLI, and never for a socket', () => {
    const tls = resolveEndpoint(
      undefined,
      env({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' } }),
    );
    expect(tls.tls).toEqual({ certDir: '/certs', verify: true });
    expect(
      resolveEndpoint(undefined, env({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' } })).tls,
    ).toEqual({ certDir: '/home/u/.docker', verify: true });
    expect(resolveEndpoint(undefined, env({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } })).tls).toBeUndefined();
    expect(
      resolveEndpoint(undefined, env({ env: { DOCKER_HOST: 'unix:///s.sock', DOCKER_TLS_VERIFY: '1' } })).tls,
    ).toBeUndefined();
  });

  it("reads a context's TLS material and SkipTLSVerify, and lets a context picked in Berth win", () => {
    const hash = createHash('sha256').update('remote').digest('hex');
    const files = {
      [`/home/u/.docker/contexts/meta/${hash}/meta.json`]: JSON.stringify({
        Name: 'remote',
        Endpoints: { docker: { Host: 'tcp://build:2376', SkipTLSVerify: false } },
      }),
      [`/home/u/.docker/contexts/tls/${hash}/docker/ca.pem`]: 'CA',
    };
    const picked = resolveEndpoint({ context: 'remote' }, env({ files }));
    expect(picked).toMatchObject({
      url: 'tcp://build:2376',
      context: 'remote',
      tls: { certDir: `/home/u/.docker/contexts/tls/${hash}/docker`, verify: true },
    });
    // A host set in Settings wins over the context; DOCKER_HOST wins over config.json's currentContext.
    expect(resolveEndpoint({ host: 'unix:///x.sock', context: 'remote' }, env({ files })).url).toBe('unix:///x.sock');
    expect(resolveEndpoint({ context: 'gone' }, env({ files })).source).toBe('default socket (not found)');
  });
});
