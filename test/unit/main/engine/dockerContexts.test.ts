import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { currentContextName, listContexts, type ContextsEnv } from '../../../../main/engine/dockerContexts';

const hash = (n: string) => createHash('sha256').update(n).digest('hex');

function env(files: Record<string, string>, vars: NodeJS.ProcessEnv = {}): ContextsEnv {
  return {
    env: vars,
    home: '/home/u',
    exists: (p) => Object.hasOwn(files, p),
    readFile: (p) => files[p],
    listDir: (p) => [
      ...new Set(
        Object.keys(files)
          .filter((f) => f.startsWith(`${p}/`))
          .map((f) => f.slice(p.length + 1).split('/')[0] ?? ''),
      ),
    ],
  };
}

const meta = (name: string, host: string, skip = false) => ({
  [`/home/u/.docker/contexts/meta/${hash(name)}/meta.json`]: JSON.stringify({
    Name: name,
    Metadata: { Description: `${name} engine` },
    Endpoints: { docker: { Host: host, SkipTLSVerify: skip } },
  }),
});

describe('docker contexts', () => {
  it('lists every stored context by name with its TLS material, skipping broken ones', () => {
    const files = {
      ...meta('remote', 'tcp://build:2376'),
      [`/home/u/.docker/contexts/tls/${hash('remote')}/docker/ca.pem`]: 'CA',
      ...meta('insecure', 'tcp://lab:2376', true),
      ...meta('box', 'ssh://me@box'),
      '/home/u/.docker/contexts/meta/broken/meta.json': '{not json',
    };
    expect(listContexts(env(files))).toEqual([
      { name: 'box', description: 'box engine', host: 'ssh://me@box' },
      {
        name: 'insecure',
        description: 'insecure engine',
        host: 'tcp://lab:2376',
        tls: expect.objectContaining({ verify: false }),
      },
      {
        name: 'remote',
        description: 'remote engine',
        host: 'tcp://build:2376',
        tls: { certDir: `/home/u/.docker/contexts/tls/${hash('remote')}/docker`, verify: true },
      },
    ]);
  });

  it("picks the CLI's current context in the CLI's order", () => {
    const config = { '/home/u/.docker/config.json': JSON.stringify({ currentContext: 'remote' }) };
    expect(currentContextName(env(config))).toBe('remote');
    expect(currentContextName(env(config, { DOCKER_CONTEXT: 'box' }))).toBe('box');
    expect(currentContextName(env(config, { DOCKER_HOST: 'unix:///x', DOCKER_CONTEXT: 'box' }))).toBe('default');
    expect(currentContextName(env({}))).toBe('default');
    expect(currentContextName(env({ '/cfg/config.json': '{"currentContext":"c"}' }, { DOCKER_CONFIG: '/cfg' }))).toBe(
      'c',
    );
  });
});
