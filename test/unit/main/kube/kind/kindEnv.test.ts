/** kind's environment (the engine and kubeconfig Berth uses) and the host-port check before a create. */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { kindEngineProblem, kindEnvironment } from '../../../../../main/kube/kind/kindEnv';
import { takenHostPorts } from '../../../../../main/kube/kind/hostPorts';

describe('kind environment', () => {
  it('runs kind against the engine and kubeconfig Berth uses', () => {
    const env = kindEnvironment(
      { engineUrl: 'unix:///tmp/other/docker.sock', kubeconfig: '/tmp/kc' },
      { PATH: '/bin', KUBECONFIG: '/home/u/.kube/config' },
    );
    expect(env).toEqual({ PATH: '/bin', DOCKER_HOST: 'unix:///tmp/other/docker.sock', KUBECONFIG: '/tmp/kc' });
  });

  it("keeps the user's KUBECONFIG when Berth was not given a file", () => {
    const env = kindEnvironment({ engineUrl: 'unix:///var/run/docker.sock' }, { KUBECONFIG: '/a:/b' });
    expect(env.KUBECONFIG).toBe('/a:/b');
  });

  it('accepts local engines and refuses remote ones with the reason', () => {
    for (const url of ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine', 'tcp://127.0.0.1:2375']) {
      expect(kindEngineProblem(url)).toBeUndefined();
    }
    for (const url of ['tcp://build.example.com:2376', 'ssh://me@build-box']) {
      expect(kindEngineProblem(url)).toMatch(/remote engine/);
      expect(() => kindEnvironment({ engineUrl: url })).toThrow(/remote engine/);
    }
  });
});

describe('host ports of a kind cluster', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('names the mappings whose host port is taken, never port 0', async () => {
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const busy = (server.address() as { port: number }).port;
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const port = (probe.address() as { port: number }).port;
        probe.close(() => resolve(port));
      });
    });
    const taken = await takenHostPorts([
      { hostPort: busy, listenAddress: '127.0.0.1' },
      { hostPort: free, listenAddress: '127.0.0.1' },
      { hostPort: 0, listenAddress: '127.0.0.1' },
    ]);
    expect(taken).toEqual([{ hostPort: busy, listenAddress: '127.0.0.1' }]);
  });
});
