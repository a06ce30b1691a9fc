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

  it("gives docker-compose v1 (docker-py) the context's host and TLS material, without the CA bundles python-requests would prefer", () => {
    const endpoint = {
      url: 'tcp://build:2376',
      source: 'docker context "remote"',
      context: 'remote',
      tls: { certDir: '/cfg/contexts/tls/abc/docker', verify: true },
    };
    const withBundles = { ...base, REQUESTS_CA_BUNDLE: '/etc/ssl/all.crt', CURL_CA_BUNDLE: '/etc/ssl/all.crt' };
    expect(dockerCliEnv(endpoint, withBundles, { dockerPy: true })).toEqual({
      PATH: '/usr/bin',
      DOCKER_HOST: 'tcp://build:2376',
      DOCKER_CERT_PATH: '/cfg/contexts/tls/abc/docker',
      DOCKER_TLS_VERIFY: '1',
    });
    // The docker CLI and Compose v2+ read the context, CA bundles and all.
    const { PATH, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE } = withBundles;
    expect(dockerCliEnv(endpoint, withBundles)).toEqual({
      PATH,
      REQUESTS_CA_BUNDLE,
      CURL_CA_BUNDLE,
      DOCKER_CONTEXT: 'remote',
    });
    // A socket needs no CA: nothing else of the user's environment is dropped.
    const socket = { url: 'unix:///s.sock', source: 'default socket' };
    expect(dockerCliEnv(socket, withBundles, { dockerPy: true }).REQUESTS_CA_BUNDLE).toBe('/etc/ssl/all.crt');
  });
});
