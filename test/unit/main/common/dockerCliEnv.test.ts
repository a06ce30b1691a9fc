import { describe, expect, it } from 'vitest';
import { dockerCliEnv } from '../../../../main/common/dockerCliEnv';

const base = { PATH: '/usr/bin', DOCKER_HOST: 'tcp://shell:2375', DOCKER_CONTEXT: 'shell', DOCKER_TLS_VERIFY: '1' };

describe("the docker CLI's environment for Berth's engine", () => {
  it('names the context Berth uses, with nothing that would override it', () => {
    const env = dockerCliEnv({ url: 'tcp://build:2376', source: 'x', context: 'remote' }, base);
    expect(env).toEqual({ PATH: '/usr/bin', DOCKER_CONTEXT: 'remote' });
  });

  it('gives DOCKER_HOST with the TLS variables for a TLS engine, and none for a socket', () => {
    expect(
      dockerCliEnv({ url: 'tcp://build:2376', source: 'DOCKER_HOST', tls: { certDir: '/certs', verify: true } }, base),
    ).toEqual({
      PATH: '/usr/bin',
      DOCKER_HOST: 'tcp://build:2376',
      DOCKER_CERT_PATH: '/certs',
      DOCKER_TLS_VERIFY: '1',
    });
    expect(dockerCliEnv({ url: 'unix:///s.sock', source: 'Settings', context: 'default' }, base)).toEqual({
      PATH: '/usr/bin',
      DOCKER_HOST: 'unix:///s.sock',
    });
    expect(dockerCliEnv({ url: 'ssh://me@box', source: 'Settings' }, base).DOCKER_HOST).toBe('ssh://me@box');
  });
});
