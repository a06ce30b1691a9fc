/**
 * An engine client's agent is written out by its name: docker-modem writes every request's options, agent
 * included, with util.inspect for its debug log, and an agent holding the event stream's socket took
 * milliseconds of CPU to write out on every call.
 */
import { request, type Agent } from 'node:http';
import { createServer, type Server } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { engineClient } from '../../../../../main/engine/transport/engineClient';

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((s) => s.close()));

/** The options as docker-modem writes them for its debug log. */
const written = (agent: Agent) => inspect({ path: '/containers/json', agent }, { showHidden: true, depth: null });
const agentOf = (url: string) => {
  const client = engineClient({ url, source: 'default' } as never, {} as never);
  return (client.docker.modem as unknown as { agent: Agent }).agent;
};

describe('engineClient', () => {
  it('gives its agent a name to be written as, the unix socket’s too', () => {
    expect(written(agentOf('unix:///var/run/docker.sock'))).toBe("{ path: '/containers/json', agent: [Agent] }");
  });

  it('writes an agent holding an open stream’s socket as its name alone', async () => {
    // An engine that takes the request and never answers, as the event stream holds its socket.
    const server = createServer((socket) => socket.on('data', () => {}));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const agent = agentOf(`tcp://127.0.0.1:${port}`);
    await new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/events', agent });
      req.on('socket', () => resolve());
      req.on('error', () => {});
      req.end();
    });
    expect(Object.keys(agent.sockets)).toHaveLength(1);
    expect(written(agent)).toBe("{ path: '/containers/json', agent: [Agent] }");
    agent.destroy();
  });
});
