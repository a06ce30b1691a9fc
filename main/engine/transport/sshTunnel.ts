/**
 * An engine reached over ssh://user@host[:port], as the docker CLI reaches it: one SSH connection (ssh2)
 * per engine, shared, and for each HTTP request a channel running `docker system dial-stdio` on the remote
 * host, handed to Node's http as its socket (so every dockerode call, stream and hijacked exec works
 * unchanged). The URL's host may be a Host alias of ~/.ssh/config (sshConfig.ts: HostName, User, Port,
 * IdentityFile, IdentitiesOnly). Authentication uses the user's ssh agent (SSH_AUTH_SOCK; not with
 * IdentitiesOnly), then their unencrypted keys: the IdentityFiles, else ~/.ssh's default ones; the host key must be in their known_hosts: an unknown key is refused with its fingerprint so
 * the user can accept it, a changed or revoked one is refused outright. Keys and passphrases are never
 * logged or shown.
 */
import { Agent, type AgentOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import ssh2, { type AnyAuthMethod, type Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import { ApiError } from '../../../contract/errors';
import { checkHostKey, hostKeyOf, knownHostName, knownKeyTypes, type HostKey } from './knownHosts';
import type { SshTarget } from './sshConfig';

export type { SshTarget };

export interface SshEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  readFile: (path: string) => string | undefined;
  readBinary: (path: string) => Buffer | undefined;
  /** The local user's name, the default when the URL names none (as ssh does). */
  user: string;
}

/** What a refused host key looks like to the renderer: enough to show and accept it, nothing secret. */
export interface HostKeyProblem {
  host: string;
  port: number;
  type: string;
  fingerprint: string;
  /** The key itself (public), so accepting it writes exactly what was shown. */
  key: string;
  status: 'unknown' | 'changed' | 'revoked';
  /** Where it would be (or is) listed. */
  knownHostsFile: string;
}

// ssh2 is CommonJS: its classes are read from the default export (named imports fail under Node's ESM).
const { Client: SshClient, utils } = ssh2;

const KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];
const DIAL = 'docker system dial-stdio';
/** Channels opened on one SSH connection before another is opened (sshd's MaxSessions is 10 by default). */
const CHANNELS_PER_CONNECTION = 8;
/** How long opening one channel (connecting and signing in first, if needed) may take. */
const CHANNEL_TIMEOUT_MS = 30_000;

export const userKnownHosts = (home: string) => join(home, '.ssh', 'known_hosts');

export class SshTunnel {
  /** The http.Agent dockerode's requests go through. */
  readonly agent: Agent;
  /** Open SSH connections, each with its count of open channels (sshd allows 10 sessions by default). */
  private connections: Array<{ client: Promise<Client>; live?: Client; channels: number }> = [];
  private disposed = false;

  constructor(
    readonly target: SshTarget,
    private readonly sshEnv: SshEnv,
  ) {
    // One channel per request, as docker-modem does: a kept-alive channel can be closed by the remote side
    // while a request is being written to it (seen under load as "socket hang up"), and GETs are not retried.
    const agent = new Agent({ keepAlive: false } satisfies AgentOptions);
    // Node's Agent accepts a connection created asynchronously through the callback.
    (agent as unknown as { createConnection: unknown }).createConnection = (
      _opts: unknown,
      done: (err: Error | null, socket?: Duplex) => void,
    ) => {
      this.channel().then(
        (s) => done(null, s),
        (e: Error) => done(e),
      );
      return undefined;
    };
    this.agent = agent;
  }

  private knownHostsFiles(): Array<{ path: string; text: string }> {
    const paths = [userKnownHosts(this.sshEnv.home), '/etc/ssh/ssh_known_hosts'];
    return paths.map((path) => ({ path, text: this.sshEnv.readFile(path) ?? '' }));
  }

  private authMethods(): AnyAuthMethod[] {
    const { username, identityFiles, identitiesOnly } = this.target;
    const methods: AnyAuthMethod[] = [];
    const sock = this.sshEnv.env.SSH_AUTH_SOCK;
    if (sock && !identitiesOnly) methods.push({ type: 'agent', username, agent: sock });
    const files = identityFiles.length ? identityFiles : KEY_FILES.map((n) => join(this.sshEnv.home, '.ssh', n));
    for (const file of files) {
      const key = this.sshEnv.readBinary(file);
      if (!key) continue;
      // An encrypted key needs its passphrase, which Berth does not ask for: the agent holds it instead.
      if (utils.parseKey(key) instanceof Error) continue;
      methods.push({ type: 'publickey', username, key });
    }
    return methods;
  }

  /** A connection with room for one more channel, opening another when all are full. */
  private pick(): { client: Promise<Client>; live?: Client; channels: number } {
    const free = this.connections.find((c) => c.channels < CHANNELS_PER_CONNECTION);
    if (free) return free;
    const entry: { client: Promise<Client>; live?: Client; channels: number } = {
      client: Promise.resolve(undefined as unknown as Client),
      channels: 0,
    };
    const gone = () => {
      this.connections = this.connections.filter((c) => c !== entry);
    };
    entry.client = this.connect(gone, (live) => (entry.live = live));
    entry.client.catch(gone);
    this.connections.push(entry);
    return entry;
  }

  private connect(gone: () => void, ready: (client: Client) => void): Promise<Client> {
    return new Promise<Client>((resolve, reject) => {
      const { host, port, username } = this.target;
      const auth = this.authMethods();
      if (!auth.length) {
        reject(
          new ApiError(
            'engine_unreachable',
            `No way to sign in to ${host} over ssh: no ssh agent (SSH_AUTH_SOCK) and no unencrypted key (${this.target.identityFiles.length ? 'IdentityFile of ~/.ssh/config' : '~/.ssh/id_*'}).`,
            'Start ssh-agent and add your key (`ssh-add`), then connect again.',
          ),
        );
        return;
      }
      const files = this.knownHostsFiles();
      let refused: ApiError | undefined;
      const client = new SshClient();
      const verify = (blob: Buffer): boolean => {
        const key = hostKeyOf(blob);
        const verdict = checkHostKey(files, host, port, key);
        if (verdict.status === 'known') return true;
        refused = hostKeyError(this.target, key, verdict.status, userKnownHosts(this.sshEnv.home));
        return false;
      };
      const preferred = knownKeyTypes(files, host, port);
      const config: ConnectConfig = {
        host,
        port,
        username,
        authHandler: auth,
        hostVerifier: verify,
        readyTimeout: 20_000,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 3,
        ...(preferred.length
          ? { algorithms: { serverHostKey: { prepend: preferred as never[], append: [], remove: [] } } }
          : {}),
      };
      client
        .once('ready', () => {
          ready(client);
          resolve(client);
        })
        .on('error', (e: Error & { level?: string }) => {
          gone();
          reject(refused ?? sshError(this.target, e));
        })
        .on('close', () => {
          gone();
          // Closed before the handshake finished (and without an error): the waiting calls must not hang.
          reject(refused ?? sshError(this.target, new Error('the connection closed during the handshake')));
        });
      client.connect(config);
    });
  }

  /** A channel running `docker system dial-stdio` on the remote host: one HTTP connection to its engine. */
  async channel(): Promise<Duplex> {
    if (this.disposed) throw new ApiError('cancelled', 'The ssh connection was closed.');
    let timer: NodeJS.Timeout | undefined;
    // However the connection fails, the HTTP request waiting for this channel gets an answer.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(sshError(this.target, Object.assign(new Error('timed out'), { level: 'client-timeout' }))),
        CHANNEL_TIMEOUT_MS,
      );
    });
    const connection = this.pick();
    connection.channels += 1;
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      connection.channels -= 1;
      // A spare connection with nothing open is closed; the first one stays for the next request.
      if (connection.channels === 0 && this.connections.indexOf(connection) > 0) {
        this.connections = this.connections.filter((c) => c !== connection);
        connection.live?.end();
      }
    };
    const open = connection.client.then(
      (client) =>
        new Promise<Duplex>((resolve, reject) => {
          client.exec(DIAL, (err, stream) => {
            if (err) return reject(sshError(this.target, err));
            stream.once('close', release);
            resolve(asSocket(stream, this.target));
          });
        }),
    );
    return Promise.race([open, deadline])
      .catch((e: unknown) => {
        release();
        throw e;
      })
      .finally(() => clearTimeout(timer));
  }

  dispose(): void {
    this.disposed = true;
    this.agent.destroy();
    for (const c of this.connections) c.live?.end();
    this.connections = [];
  }
}

/** Node's http treats its socket as a net.Socket: give the channel the few socket methods it calls. */
function asSocket(stream: ClientChannel, target: SshTarget): Duplex {
  const stderr: Buffer[] = [];
  stream.stderr.on('data', (b: Buffer) => {
    if (stderr.length < 16) stderr.push(b);
  });
  stream.on('exit', (code: number | null) => {
    if (code === 0 || code === null) return;
    const said = Buffer.concat(stderr).toString('utf8').trim();
    const missing = code === 127 || /not found/i.test(said);
    (stream as unknown as Duplex).destroy(
      new ApiError(
        'engine_unreachable',
        missing
          ? `The docker CLI is not on PATH for ${target.username} on ${target.host}; Berth runs \`${DIAL}\` there to reach its engine.`
          : `\`${DIAL}\` failed on ${target.host} (exit ${code}): ${said || 'no message'}`,
        missing
          ? 'Install the docker CLI on the remote host (it must be on the PATH of a non-interactive ssh session).'
          : `Check that ${target.username} may use the engine on ${target.host} (e.g. is in its \`docker\` group).`,
      ),
    );
  });
  const socket = stream as unknown as Duplex & Record<string, unknown>;
  for (const name of ['setKeepAlive', 'setNoDelay', 'setTimeout', 'ref', 'unref']) {
    if (typeof socket[name] !== 'function') socket[name] = () => socket;
  }
  return socket;
}

function hostKeyError(target: SshTarget, key: HostKey, status: HostKeyProblem['status'], file: string): ApiError {
  const where = knownHostName(target.host, target.port);
  const details: { hostKey: HostKeyProblem } = {
    hostKey: {
      host: target.host,
      port: target.port,
      type: key.type,
      fingerprint: key.fingerprint,
      key: key.base64,
      status,
      knownHostsFile: file,
    },
  };
  if (status === 'unknown') {
    return new ApiError(
      'engine_unreachable',
      `The authenticity of ${where} can't be established: its ${key.type} key fingerprint is ${key.fingerprint}.`,
      `If this is the fingerprint the host's administrator gave you, trust it (Berth adds it to ${file}); otherwise do not connect.`,
      details,
    );
  }
  return new ApiError(
    'engine_unreachable',
    status === 'changed'
      ? `The host key of ${where} has CHANGED (now ${key.type} ${key.fingerprint}): someone could be intercepting the connection. Berth refuses to connect.`
      : `The host key of ${where} (${key.fingerprint}) is marked @revoked in ${file}. Berth refuses to connect.`,
    `If the host was really reinstalled, remove its old line with \`ssh-keygen -R "${where}"\` and connect again; otherwise ask its administrator.`,
    details,
  );
}

function sshError(target: SshTarget, e: Error & { level?: string; code?: string }): ApiError {
  const where = `${target.username}@${knownHostName(target.host, target.port)}`;
  if (e.level === 'client-authentication') {
    return new ApiError(
      'engine_unreachable',
      `ssh to ${where} refused every key Berth offered (agent and ~/.ssh keys).`,
      `Add your public key to ~${target.username}/.ssh/authorized_keys on ${target.host} (\`ssh-copy-id ${where}\`), or load the right key into your agent (\`ssh-add\`).`,
    );
  }
  if (e.level === 'client-timeout' || /timed out/i.test(e.message)) {
    return new ApiError(
      'engine_unreachable',
      `ssh to ${where} timed out.`,
      'Check that the host is up and reachable (VPN, firewall); Berth keeps trying with growing pauses.',
    );
  }
  return new ApiError(
    'engine_unreachable',
    `ssh to ${where} failed: ${e.message}${e.code ? ` (${e.code})` : ''}.`,
    'Check that the host is up and that `ssh ' + where + '` works in a terminal.',
  );
}
