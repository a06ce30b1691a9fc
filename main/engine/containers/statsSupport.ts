/**
 * Whether the engine can measure its containers' CPU and memory. A rootless engine (Podman run by a user,
 * rootless Docker) reads them from each container's cgroup, which a user without root only gets on a host
 * with cgroup v2. On a cgroup v1 host Podman's own CLI refuses (`stats is not supported in rootless mode
 * without cgroups v2`) while its Docker API answers zero CPU and a memory figure that is not the
 * container's; Berth then says why instead of charting those. Docker says it is rootless among its
 * SecurityOptions (`name=rootless`); Podman 4's Docker API does not, so its own API (/libpod/info) is asked.
 * The answer is kept per transport: it changes only with the engine's host. A question that went unanswered
 * (the engine away, a cut answer) keeps nothing: the next stats call asks again.
 */
import type Docker from 'dockerode';
import { ApiError } from '../../../contract/errors';
import type { EngineState } from '../../../contract/system';

const answers = new WeakMap<object, Promise<ApiError | undefined>>();

interface EngineInfo {
  CgroupVersion?: string;
  SecurityOptions?: string[];
}

/**
 * Podman's own `info`: whether the service runs rootless. Undefined when it cannot tell (no such API: a 404,
 * or an answer without the field); rejects when it was not answered (the engine away, an error, a cut answer).
 */
function podmanRootless(docker: Docker, version: string | undefined): Promise<boolean | undefined> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path: `/v${version || '4.0.0'}/libpod/info`, method: 'GET', statusCodes: { 200: true } },
      (err: unknown, data: unknown) => {
        if (err) {
          // No such API (404): it cannot tell, and asking again changes nothing. Anything else went unanswered.
          if ((err as { statusCode?: unknown }).statusCode === 404) resolve(undefined);
          else reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        try {
          const info = (typeof data === 'string' ? JSON.parse(data) : data) as {
            host?: { security?: { rootless?: unknown } };
          } | null;
          const rootless = info?.host?.security?.rootless;
          resolve(typeof rootless === 'boolean' ? rootless : undefined);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
    );
  });
}

async function ask(docker: Docker, engine: Pick<EngineState, 'engine' | 'version'>): Promise<ApiError | undefined> {
  const info = (await docker.info()) as EngineInfo;
  if (String(info.CgroupVersion ?? '') !== '1') return undefined;
  const saysRootless = (info.SecurityOptions ?? []).some((o) => o.split(',').includes('name=rootless'));
  const rootless = saysRootless || (engine.engine === 'podman' && (await podmanRootless(docker, engine.version)));
  if (!rootless) return undefined;
  const name = engine.engine === 'podman' ? 'Podman' : 'Docker';
  return new ApiError(
    'failed',
    `${name} runs rootless on a host with cgroup v1, so it cannot measure a container's CPU and memory.`,
    'Containers of a rootless engine are measured only on cgroup v2: boot the host with cgroup v2 ' +
      '(systemd.unified_cgroup_hierarchy=1), or use a rootful engine, to see stats.',
  );
}

/**
 * Why the engine cannot measure containers, or undefined when it can (or could not be asked: then the
 * stats call itself says what is wrong, and the next one asks again).
 */
export function statsRefusal(
  docker: Docker,
  engine: Pick<EngineState, 'engine' | 'version'>,
): Promise<ApiError | undefined> {
  if (!engine.engine) return Promise.resolve(undefined); // not connected: the stats call says so itself
  const modem = docker.modem as object;
  let answer = answers.get(modem);
  if (!answer) {
    answer = ask(docker, engine).catch(() => {
      answers.delete(modem);
      return undefined;
    });
    answers.set(modem, answer);
  }
  return answer;
}
