import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dockerodeOptions, resolveEndpoint, type EndpointEnv } from '../../../../main/engine/endpoint';

const env = (over: Partial<EndpointEnv> & { files?: Record<string, string> } = {}): EndpointEnv => ({
  env: {},
  home: '/home/u',
  platform: 'linux',
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

  it('says where it looked when nothing is there, and uses the pipe on Windows', () => {
    expect(resolveEndpoint(undefined, env())).toEqual({
      url: 'unix:///var/run/docker.sock',
      source: 'default socket (not found)',
    });
    expect(resolveEndpoint(undefined, env({ platform: 'win32' })).url).toBe('npipe:////./pipe/docker_engine');
  });

  it('maps URLs to dockerode options', () => {
    expect(dockerodeOptions('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(dockerodeOptions('npipe:////./pipe/docker_engine')).toEqual({ socketPath: '\\\\.\\pipe\\docker_engine' });
    expect(dockerodeOptions('tcp://127.0.0.1:2376')).toEqual({ host: '127.0.0.1', port: 2376, protocol: 'http' });
  });
});
