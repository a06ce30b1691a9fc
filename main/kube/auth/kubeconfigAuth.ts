/**
 * The credentials Berth reads itself rather than leaving them to @kubernetes/client-node: exec credential
 * plugins (its own runner lacks interactiveMode, KUBERNETES_EXEC_INFO, a timeout and an error that is not
 * raw stderr) and token-file (which the client reads once, from the working directory, at load). The
 * kubeconfig loader strips those fields from the client's User objects and records here where each user's
 * credential comes from; the client then asks this authenticator for the headers and client certificate
 * of every request and WebSocket.
 */
import type { User } from '@kubernetes/client-node';
import { readFile } from 'node:fs/promises';
import { ApiError } from '../../../contract/errors';
import { ExecCredentials, type ExecRequest } from './execCredential';

export type CredentialSource =
  { kind: 'exec'; request: ExecRequest } | { kind: 'tokenFile'; file: string; user: string };

/** The plugin answers Berth keeps, shared by every client (one run per plugin configuration until expiry). */
export const execCredentials = new ExecCredentials();

const sources = new WeakMap<User, CredentialSource>();

/** Marks a client User whose credential Berth supplies. */
export function attachCredentialSource(user: User, source: CredentialSource): void {
  sources.set(user, source);
}

export function credentialSource(user: User): CredentialSource | undefined {
  return sources.get(user);
}

/** After the server refused a credential (401): an exec plugin's answer is not used again. */
export function forgetCredential(user: User | null): void {
  const source = user ? sources.get(user) : undefined;
  if (source?.kind === 'exec') execCredentials.forget(source.request);
}

/** What the client hands an authenticator: request options with headers and TLS material. */
interface AuthOptions {
  headers?: unknown;
  cert?: unknown;
  key?: unknown;
}

async function readTokenFile(file: string, user: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (e) {
    throw new ApiError(
      'not_found',
      `The token-file ${file} of kubeconfig user "${user}" cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      'Fix the token-file path in the kubeconfig, or create the file.',
    );
  }
}

/** A client-node authenticator for the users marked above. */
export const berthAuthenticator = {
  isAuthProvider: (user: User): boolean => sources.has(user),
  async applyAuthentication(user: User, opts: AuthOptions): Promise<void> {
    const source = sources.get(user);
    if (!source) return;
    const headers = (opts.headers ??= {}) as Record<string, string>;
    if (source.kind === 'tokenFile') {
      headers.Authorization = `Bearer ${await readTokenFile(source.file, source.user)}`;
      return;
    }
    const status = await execCredentials.get(source.request);
    if (status.clientCertificateData && status.clientKeyData) {
      opts.cert = status.clientCertificateData;
      opts.key = status.clientKeyData;
    }
    if (status.token) headers.Authorization = `Bearer ${status.token}`;
  },
};
