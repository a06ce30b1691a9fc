/**
 * Makes the dockerode client for an endpoint, whatever its kind: a unix socket or Windows named pipe, plain
 * tcp://, tcp:// with TLS (the CA, client certificate and key read from the endpoint's folder; never plain
 * http once TLS is set), or ssh:// through an SshTunnel. Remote engines get a deadline for the engine to
 * start answering each call, so a vanished host gives an error instead of a call that never returns. Every
 * transport's agent is written out by its name alone (`quietAgent`): see there why.
 */
import Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { userInfo } from 'node:os';
import { inspect } from 'node:util';
import type { EndpointEnv, EngineEndpoint } from '../endpoint';
import { endpointIsLocal } from '../endpoint';
import { readTlsMaterial } from './tlsMaterial';
import { SshTunnel } from './sshTunnel';
import { resolveSshTarget } from './sshConfig';
import { failCutAnswers } from './callGuard';

export interface EngineClient {
  docker: Docker;
  /** The transport, as the status bar names it. */
  transport: 'unix' | 'npipe' | 'tcp' | 'tls' | 'ssh';
  /** Closes what the client holds open (the ssh connection, kept-alive TLS sockets). */
  dispose(): void;
}

/** How long a remote engine may take to start answering one call (its headers; streams then run freely). */
export const REMOTE_CALL_TIMEOUT_MS = 60_000;

/** Every option docker-modem would otherwise fill in from DOCKER_HOST/DOCKER_CERT_PATH of Berth's own env. */
type ModemOptions = Docker.DockerOptions & { agent?: unknown; connectionTimeout?: number };
/** dockerode passes `agent` and `connectionTimeout` to docker-modem; its types do not list them. */
const dockerOf = (options: ModemOptions): Docker => new Docker(options as Docker.DockerOptions);

const CLEAN = {
  socketPath: undefined,
  host: undefined,
  port: undefined,
  ca: undefined,
  cert: undefined,
  key: undefined,
};

const readBinary = (p: string): Buffer | undefined => {
  try {
    return readFileSync(p);
  } catch {
    return undefined;
  }
};

/**
 * docker-modem writes each request's options, its agent among them, with util.inspect (showHidden, depth
 * null) for its debug log, whether that log is on or not. An agent holding the event stream's socket took
 * milliseconds of CPU to write out, on every call (most of what containers.list cost at 0 containers);
 * written as its name, it costs nothing.
 */
export function quietAgent<A extends object>(agent: A): A {
  Object.defineProperty(agent, inspect.custom, { value: () => `[${agent.constructor.name}]` });
  return agent;
}

export function engineClient(endpoint: EngineEndpoint, env: EndpointEnv): EngineClient {
  const url = endpoint.url;
  const timeouts = endpointIsLocal(url) ? {} : { connectionTimeout: REMOTE_CALL_TIMEOUT_MS };
  // Every transport's agent fails a request whose answer is cut mid-body (callGuard.ts), and is quiet.
  const agent = () => quietAgent(failCutAnswers(new HttpAgent({ keepAlive: true })));
  if (url.startsWith('unix://')) {
    return plain(dockerOf({ ...CLEAN, socketPath: url.slice('unix://'.length), agent: agent() }), 'unix');
  }
  if (url.startsWith('npipe://')) {
    const socketPath = url.slice('npipe://'.length).replace(/\//g, '\\');
    return plain(dockerOf({ ...CLEAN, socketPath, agent: agent() }), 'npipe');
  }
  if (url.startsWith('ssh://')) {
    const sshEnv = {
      env: env.env,
      home: env.home,
      readFile: env.readFile,
      readBinary,
      user: env.env.USER || safeUser(),
    };
    const tunnel = new SshTunnel(resolveSshTarget(url, sshEnv), sshEnv);
    const docker = dockerOf({
      ...CLEAN,
      protocol: 'http',
      host: tunnel.target.host,
      port: tunnel.target.port,
      agent: quietAgent(failCutAnswers(tunnel.agent)),
      ...timeouts,
    });
    return { docker, transport: 'ssh', dispose: () => tunnel.dispose() };
  }
  const parsed = new URL(url.replace(/^tcp:/, 'http:'));
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (endpoint.tls) {
    const port = Number(parsed.port || 2376);
    const material = readTlsMaterial(endpoint.tls, readBinary);
    const tls = quietAgent(failCutAnswers(new HttpsAgent({ keepAlive: true, ...material })));
    const docker = dockerOf({ ...CLEAN, protocol: 'https', host, port, agent: tls, ...timeouts });
    return { docker, transport: 'tls', dispose: () => tls.destroy() };
  }
  const port = Number(parsed.port || 2375);
  return plain(dockerOf({ ...CLEAN, protocol: 'http', host, port, agent: agent(), ...timeouts }), 'tcp');
}

const plain = (docker: Docker, transport: EngineClient['transport']): EngineClient => ({
  docker,
  transport,
  dispose: () => {},
});

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'root';
  }
}
