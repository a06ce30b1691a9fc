/**
 * Which builder a build uses. `auto` follows what today's docker CLI does: BuildKit, through the user's
 * `docker buildx`, unless the engine says its builder is the classic one (`Builder-Version: 1` on /_ping;
 * Engine 23+ sends `2`, 20.10 sends nothing and builds either way) or is a Windows engine; the classic
 * builder also when buildx is not installed — the task log says so and how to get BuildKit. Podman has no
 * BuildKit: its Docker API builds with Buildah behind the classic build endpoint, so that is what Berth uses.
 */
import { ApiError } from '../../../contract/errors';
import type { Builder } from '../../../contract/images';
import type { EngineConnection } from '../connection';
import { runDockerCli } from '../dockerCli';

export interface BuilderChoice {
  builder: 'buildkit' | 'classic';
  /** One line for the task log: which builder and why. */
  reason: string;
}

export const BUILDX_HINT =
  'Install the docker buildx plugin (Docker Desktop has it; on Linux the docker-buildx-plugin package, or a release binary in ~/.docker/cli-plugins/docker-buildx).';

const buildxVersions = new Map<string, Promise<string | undefined>>();

/** `docker buildx version`'s version, or undefined when buildx is not installed (a miss is asked again next time). */
export function buildxVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const key = JSON.stringify([env.PATH, env.DOCKER_CONFIG, env.HOME]);
  const known = buildxVersions.get(key);
  if (known) return known;
  const probe = runDockerCli(['buildx', 'version'], { env, timeoutMs: 15_000 }).then(
    (r) => (r.code === 0 ? (/v?(\d+\.\d+\.\d+\S*)/.exec(r.stdout)?.[1] ?? 'unknown') : undefined),
    () => undefined,
  );
  buildxVersions.set(key, probe);
  void probe.then((v) => v === undefined && buildxVersions.delete(key));
  return probe;
}

export interface ChoiceInputs {
  wanted: Builder;
  /** The engine's OS as /version says it, e.g. "linux/amd64". */
  engineOs: string | undefined;
  builderVersion: string | undefined;
  buildx: string | undefined;
  /** Which engine answers: Podman has no BuildKit. */
  engineKind?: 'docker' | 'podman';
}

/** The decision itself, pure (the unit tests walk its table). */
export function decideBuilder({ wanted, engineOs, builderVersion, buildx, engineKind }: ChoiceInputs): BuilderChoice {
  if (wanted === 'classic') return { builder: 'classic', reason: 'Builder: classic (asked for).' };
  if (engineKind === 'podman') {
    if (wanted === 'buildkit') {
      throw new ApiError(
        'failed',
        'Podman has no BuildKit: its Docker API builds with Buildah through the classic build endpoint.',
        'Choose the classic builder (or Automatic) for this engine.',
      );
    }
    return {
      builder: 'classic',
      reason: "Builder: Podman's (Buildah, through the classic build endpoint; no BuildKit).",
    };
  }
  if (wanted === 'buildkit') {
    if (!buildx) {
      throw new ApiError('tool_missing', 'BuildKit builds need docker buildx, which is not installed.', BUILDX_HINT);
    }
    return { builder: 'buildkit', reason: `Builder: BuildKit through docker buildx ${buildx} (asked for).` };
  }
  if (builderVersion === '1') {
    return { builder: 'classic', reason: 'Builder: classic (the engine is set to build with the classic builder).' };
  }
  if (engineOs?.startsWith('windows')) {
    return { builder: 'classic', reason: 'Builder: classic (BuildKit does not build Windows images here).' };
  }
  if (!buildx) {
    return {
      builder: 'classic',
      reason: `Builder: classic (docker buildx is not installed; BuildKit builds need it). ${BUILDX_HINT}`,
    };
  }
  return { builder: 'buildkit', reason: `Builder: BuildKit through docker buildx ${buildx}.` };
}

export async function chooseBuilder(
  engine: Pick<EngineConnection, 'builderVersion' | 'current'>,
  env: NodeJS.ProcessEnv,
  wanted: Builder,
): Promise<BuilderChoice> {
  const engineOs = engine.current.os;
  const engineKind = engine.current.engine;
  if (wanted === 'classic' || engineKind === 'podman') {
    return decideBuilder({ wanted, engineOs, builderVersion: undefined, buildx: undefined, engineKind });
  }
  const [builderVersion, buildx] = await Promise.all([engine.builderVersion(), buildxVersion(env)]);
  return decideBuilder({ wanted, engineOs, builderVersion, buildx, engineKind });
}
