/**
 * Exec credential plugins (users[].user.exec in a kubeconfig, as cloud clusters use: aws, gke-gcloud-auth-
 * plugin, kubelogin...), run the way client-go runs them: the ExecCredential request in
 * KUBERNETES_EXEC_INFO (client.authentication.k8s.io/v1 or v1beta1), the kubeconfig's args and env added
 * to Berth's, no terminal (Berth is a window: `interactiveMode: Always` is refused with a hint, the others
 * run with stdin closed). An answer is kept until its expirationTimestamp (for ever without one) and shared
 * by every client of the same plugin configuration; concurrent requests wait for one run. A failing
 * plugin gives an error with its stderr; what it printed on stdout (the credential) never goes anywhere
 * but the request's headers and TLS options.
 */
import { spawn } from 'node:child_process';
import { ApiError } from '../../../contract/errors';

export const EXEC_API_VERSIONS = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

/** users[].user.exec as written in the kubeconfig. */
export interface ExecConfig {
  apiVersion?: string;
  command?: string;
  args?: string[] | null;
  env?: Array<{ name: string; value: string }> | null;
  interactiveMode?: string;
  provideClusterInfo?: boolean;
  installHint?: string;
}

/** What ExecCredential.spec.cluster carries when provideClusterInfo is set. */
export interface ExecClusterInfo {
  server: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
}

/** ExecCredential.status: a bearer token and/or a client certificate, maybe with an expiry. */
export interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

export interface PluginRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The spawn error (ENOENT when the program is not there) or 'timeout'. */
  error?: NodeJS.ErrnoException | 'timeout';
}

/** Runs a program, no stdin, and collects its output: child_process by default, a fake in unit tests. */
export type RunPlugin = (
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
) => Promise<PluginRun>;

/** How long a plugin may take: some ask a cloud's token service, none should need longer than this. */
export const PLUGIN_TIMEOUT_MS = 60_000;
/** The most of a plugin's stderr an error message quotes (its end, where the reason usually is). */
const STDERR_QUOTE = 1500;

export const runPlugin: RunPlugin = (command, args, env, timeoutMs) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let error: PluginRun['error'];
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-64 * 1024)));
    const timer = setTimeout(() => {
      error = 'timeout';
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => (error = e));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, error });
    });
  });

export interface ExecRequest {
  exec: ExecConfig;
  /** The kubeconfig user's name, for messages. */
  user: string;
  cluster?: ExecClusterInfo;
}

interface Cached {
  status: ExecCredentialStatus;
  /** Epoch ms; undefined: valid until forgotten. */
  expiresAt: number | undefined;
}

/** Runs exec credential plugins and keeps their answers until they expire. */
export class ExecCredentials {
  private readonly cache = new Map<string, Cached>();
  private readonly running = new Map<string, Promise<ExecCredentialStatus>>();
  /** How many times a plugin was run, for tests and diagnostics. */
  runs = 0;

  constructor(
    private readonly run: RunPlugin = runPlugin,
    private readonly now: () => number = Date.now,
    private readonly baseEnv: () => NodeJS.ProcessEnv = () => process.env,
  ) {}

  /** The credential for this plugin configuration: the cached one while it is valid, else a fresh run. */
  async get(request: ExecRequest): Promise<ExecCredentialStatus> {
    const key = cacheKey(request);
    const hit = this.cache.get(key);
    if (hit && (hit.expiresAt === undefined || hit.expiresAt > this.now())) return hit.status;
    this.cache.delete(key);
    const pending = this.running.get(key);
    if (pending) return pending;
    const fresh = this.fetch(request)
      .then((status) => {
        const at = status.expirationTimestamp ? Date.parse(status.expirationTimestamp) : undefined;
        this.cache.set(key, { status, expiresAt: at === undefined || Number.isNaN(at) ? undefined : at });
        return status;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, fresh);
    return fresh;
  }

  /** Forgets the cached answer (the server refused it: the next request runs the plugin again). */
  forget(request: ExecRequest): void {
    this.cache.delete(cacheKey(request));
  }

  private async fetch({ exec, user, cluster }: ExecRequest): Promise<ExecCredentialStatus> {
    const command = exec.command;
    const apiVersion = exec.apiVersion ?? '';
    const who = `The credential plugin "${command ?? ''}" of kubeconfig user "${user}"`;
    const fixHint = `Fix users[${user}].user.exec in the kubeconfig.`;
    if (!command) throw new ApiError('invalid_input', `${who.replace(' ""', '')} names no command.`, fixHint);
    if (!(EXEC_API_VERSIONS as readonly string[]).includes(apiVersion)) {
      throw new ApiError(
        'invalid_input',
        `${who} asks for apiVersion "${apiVersion}"; Berth speaks ${EXEC_API_VERSIONS.join(' and ')}.`,
        'Update the plugin (or its entry in the kubeconfig) to a supported apiVersion.',
      );
    }
    const mode = exec.interactiveMode ?? (apiVersion.endsWith('/v1') ? undefined : 'IfAvailable');
    if (mode === undefined) {
      throw new ApiError('invalid_input', `${who} has no interactiveMode, which ${apiVersion} requires.`, fixHint);
    }
    if (mode === 'Always') {
      throw new ApiError(
        'failed',
        `${who} needs a terminal to sign in (interactiveMode: Always), and Berth has none to give it.`,
        `Sign in from a terminal first (for example kubectl get namespaces with this context), or set interactiveMode: IfAvailable.`,
      );
    }
    if (mode !== 'IfAvailable' && mode !== 'Never') {
      throw new ApiError('invalid_input', `${who} has an unknown interactiveMode "${mode}".`, fixHint);
    }
    const info = {
      apiVersion,
      kind: 'ExecCredential',
      spec: { interactive: false, ...(exec.provideClusterInfo && cluster ? { cluster } : {}) },
    };
    const env: NodeJS.ProcessEnv = { ...this.baseEnv() };
    for (const e of exec.env ?? []) env[e.name] = e.value;
    env.KUBERNETES_EXEC_INFO = JSON.stringify(info);
    this.runs++;
    const result = await this.run(command, exec.args ?? [], env, PLUGIN_TIMEOUT_MS);
    if (result.error === 'timeout') {
      throw new ApiError(
        'failed',
        `${who} did not answer within ${PLUGIN_TIMEOUT_MS / 1000} s.`,
        'Run it in a terminal to see what it waits for (a sign-in, a network), then retry.',
      );
    }
    if (result.error) {
      const missing = result.error.code === 'ENOENT';
      throw new ApiError(
        missing ? 'tool_missing' : 'failed',
        missing
          ? `${who} is not installed (no program "${command}").`
          : `${who} could not start: ${result.error.message}`,
        exec.installHint?.trim() || `Install "${command}", or fix users[${user}].user.exec.command in the kubeconfig.`,
      );
    }
    if (result.code !== 0) {
      const stderr = result.stderr.trim();
      const quoted = stderr.length > STDERR_QUOTE ? `…${stderr.slice(-STDERR_QUOTE)}` : stderr;
      throw new ApiError(
        'failed',
        `${who} failed (exit ${result.code ?? 'killed'})${quoted ? `: ${quoted}` : ' and printed nothing on stderr.'}`,
        'Run the plugin in a terminal (or kubectl with this context) to sign in again, then retry.',
      );
    }
    return parseCredential(result.stdout, apiVersion, who);
  }
}

/** The plugin's stdout as an ExecCredential's status; the output itself never goes into the error. */
export function parseCredential(stdout: string, apiVersion: string, who: string): ExecCredentialStatus {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new ApiError('failed', `${who} printed something that is not JSON (an ExecCredential was expected).`);
  }
  const o = (doc ?? {}) as { apiVersion?: unknown; kind?: unknown; status?: unknown };
  if (o.kind !== 'ExecCredential' || o.apiVersion !== apiVersion) {
    throw new ApiError(
      'failed',
      `${who} answered kind ${String(o.kind)} ${String(o.apiVersion)}, not ExecCredential ${apiVersion}.`,
      'The plugin and the kubeconfig must agree on the apiVersion.',
    );
  }
  const s = (o.status ?? {}) as Record<string, unknown>;
  const str = (k: string) => (typeof s[k] === 'string' && s[k] ? (s[k] as string) : undefined);
  const status: ExecCredentialStatus = {
    token: str('token'),
    clientCertificateData: str('clientCertificateData'),
    clientKeyData: str('clientKeyData'),
    expirationTimestamp: str('expirationTimestamp'),
  };
  const cert = Boolean(status.clientCertificateData) && Boolean(status.clientKeyData);
  if (!status.token && !cert) {
    throw new ApiError(
      'failed',
      `${who} answered without a token or a client certificate and key.`,
      'Run the plugin in a terminal to see what it returns.',
    );
  }
  return status;
}

const cacheKey = ({ exec, cluster }: ExecRequest) =>
  JSON.stringify([
    exec.apiVersion,
    exec.command,
    exec.args ?? [],
    exec.env ?? [],
    exec.interactiveMode,
    exec.provideClusterInfo ? cluster : undefined,
  ]);
