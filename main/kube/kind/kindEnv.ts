/**
 * The environment kind runs in: the Docker engine Berth is connected to (kind drives the docker CLI, which
 * reads DOCKER_HOST) and the kubeconfig Berth reads (kind writes the new context there and removes it on
 * delete). kind needs a local engine: its nodes are containers whose API server ports it maps on loopback.
 */
import { ApiError } from '../../../contract/errors';

export interface KindEnvSource {
  /** The engine URL Berth uses (unix://, npipe://, tcp://, ssh://). */
  engineUrl: string;
  /** The one kubeconfig file Berth was told to use (BERTH_KUBECONFIG or Settings), if any. */
  kubeconfig?: string;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** Why kind cannot run against this engine, or undefined when it can. */
export function kindEngineProblem(engineUrl: string): string | undefined {
  const url = engineUrl.trim();
  if (/^(unix|npipe):\/\//.test(url)) return undefined;
  const host = /^(?:tcp|http|https):\/\/([^/:]+|\[[^\]]+\])/i.exec(url)?.[1];
  if (host && LOOPBACK.test(host)) return undefined;
  return `Berth is connected to a remote engine (${url}); kind creates its node containers on a local engine and maps the API server to this machine's loopback.`;
}

export function kindEnvironment(source: KindEnvSource, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const problem = kindEngineProblem(source.engineUrl);
  if (problem) {
    throw new ApiError(
      'failed',
      problem,
      'Switch Berth to a local Docker engine (Settings → Docker engine) to use kind.',
    );
  }
  const env: NodeJS.ProcessEnv = { ...base, DOCKER_HOST: source.engineUrl };
  if (source.kubeconfig) env.KUBECONFIG = source.kubeconfig;
  return env;
}
