/**
 * The user's ~/.ssh/config for an ssh:// engine, read as ssh reads it (through the ssh-config package): a
 * Host alias's HostName, User, Port, IdentityFile and IdentitiesOnly. What the URL says itself wins, as
 * `ssh -l user -p port` does when the docker CLI passes them. Only paths of keys are kept here; the keys are
 * read when signing in.
 */
import SSHConfig from 'ssh-config';
import { isAbsolute, join } from 'node:path';
import { ApiError } from '../../../contract/errors';

export interface SshTarget {
  /** The host to connect to (HostName when the URL names an alias) and whose key known_hosts must list. */
  host: string;
  port: number;
  username: string;
  /** IdentityFile entries, expanded; empty means ssh's default keys (~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  identityFiles: string[];
  /** IdentitiesOnly yes: only the identity files are offered, not the agent's other keys. */
  identitiesOnly: boolean;
  /** The alias the URL named, when ~/.ssh/config turned it into another host. */
  alias?: string;
}

export interface SshConfigEnv {
  home: string;
  readFile: (path: string) => string | undefined;
  /** The local user's name, the default when neither the URL nor the config names one (as ssh does). */
  user: string;
}

export const userSshConfig = (home: string) => join(home, '.ssh', 'config');

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const all = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** ssh's tokens in an IdentityFile (%d home, %u local user, %h host, %r remote user, %%) and `~`. */
function expandPath(path: string, t: { home: string; user: string; host: string; remoteUser: string }): string {
  const tokens: Record<string, string> = { d: t.home, u: t.user, h: t.host, r: t.remoteUser, '%': '%' };
  const expanded = path.replace(/^~(?=\/|$)/, t.home).replace(/%([duhr%])/g, (m, k: string) => tokens[k] ?? m);
  return isAbsolute(expanded) ? expanded : join(t.home, expanded);
}

/** The ssh:// URL resolved through ~/.ssh/config: where to connect, as whom, with which keys. */
export function resolveSshTarget(url: string, e: SshConfigEnv): SshTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== 'ssh:' || !parsed.hostname) {
    throw new ApiError(
      'invalid_input',
      `Not an ssh:// engine address: ${url}`,
      'Use ssh://user@host, ssh://user@host:port or ssh://alias (a Host in ~/.ssh/config).',
    );
  }
  const named = parsed.hostname.replace(/^\[|\]$/g, '');
  const urlUser = decodeURIComponent(parsed.username);
  const text = e.readFile(userSshConfig(e.home));
  let computed: Record<string, string | string[]> = {};
  if (text) {
    try {
      computed = SSHConfig.parse(text).compute({ Host: named, ...(urlUser ? { User: urlUser } : {}) });
    } catch (err) {
      throw new ApiError(
        'invalid_input',
        `Could not read ${userSshConfig(e.home)}: ${err instanceof Error ? err.message : String(err)}`,
        'Fix the file (`ssh -G host` shows what ssh makes of it), then connect again.',
      );
    }
  }
  const host = first(computed.HostName)?.replace(/%h/g, named) || named;
  const username = urlUser || first(computed.User) || e.user;
  const port = Number(parsed.port || first(computed.Port) || 22);
  const tokens = { home: e.home, user: e.user, host, remoteUser: username };
  return {
    host,
    port: Number.isInteger(port) && port > 0 ? port : 22,
    username,
    identityFiles: all(computed.IdentityFile)
      .filter((f) => f.toLowerCase() !== 'none')
      .map((f) => expandPath(f, tokens)),
    identitiesOnly: first(computed.IdentitiesOnly)?.toLowerCase() === 'yes',
    ...(host !== named ? { alias: named } : {}),
  };
}
