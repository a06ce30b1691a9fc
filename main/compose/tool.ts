/**
 * Finds the compose CLI the way a user's shell would: `docker compose` (v2 plugin) when it answers,
 * else `docker-compose` (v1, or a standalone v2). The search follows the PATH it is given, so tests can
 * point it at a folder of shims.
 */
import { execFile } from 'node:child_process';
import type { ComposeTool } from '../../contract/compose';
import { findExecutable } from '../common/findExecutable';
import type { ProgramMemory } from '../common/programMemory';

export interface ComposeCli {
  /** The program to run and the arguments that come before compose's own. */
  program: string;
  prefix: string[];
  /** What a user would type, for messages. */
  command: 'docker compose' | 'docker-compose';
  version: string;
  /** v2 prints progress differently and accepts `up --pull`. */
  v2: boolean;
  /** Accepts `--progress json` (Compose v2.3x+, v5): events and BuildKit steps as JSON lines. */
  jsonProgress: boolean;
  /** The environment it was found with (PATH, DOCKER_CONFIG for plugins); runs use it too. */
  env: Env;
}

export const INSTALL_HINT =
  'Install Docker Compose: the `docker compose` plugin (Docker Desktop has it; on Linux the `docker-compose-plugin` package) or `docker-compose` (e.g. `apt install docker-compose`).';

type Env = Record<string, string | undefined>;

interface Answer {
  /** What it printed, when it succeeded. */
  out?: string;
  timedOut: boolean;
}

function runOnce(program: string, args: string[], env: Env): Promise<Answer> {
  return new Promise((resolve) => {
    execFile(program, args, { env, timeout: 15_000 }, (error, stdout) =>
      resolve(
        error ? { timedOut: Boolean((error as { killed?: boolean }).killed) } : { out: stdout.trim(), timedOut: false },
      ),
    );
  });
}

/** Runs the program, or answers from `memory` while the program's file is unchanged. */
async function run(program: string, args: string[], env: Env, memory?: ProgramMemory): Promise<string | undefined> {
  const path = memory ? findExecutable(program, { env, platform: process.platform }) : undefined;
  const answer =
    memory && path
      ? await memory.run(
          'compose',
          path,
          args,
          () => runOnce(path, args, env),
          (a) => !a.timedOut,
        )
      : await runOnce(program, args, env);
  return answer.out;
}

/** "Docker Compose version v2.24.1", "docker-compose version 1.29.2, build unknown", "2.24.1" → the number. */
export function parseVersion(text: string): string | undefined {
  return /v?(\d+\.\d+\.\d+[\w.+-]*)/.exec(text)?.[1]?.replace(/,$/, '');
}

/**
 * `preferred` is the user's compose binary setting: '' finds one; `docker` (or a path to it) means the v2
 * plugin; anything else is a standalone compose program.
 */
export async function detectComposeCli(
  env: Env = process.env,
  preferred = '',
  memory?: ProgramMemory,
): Promise<ComposeCli | undefined> {
  if (preferred) return probe(preferred, env, memory);
  return (await probe('docker', env, memory)) ?? probe('docker-compose', env, memory);
}

async function probe(program: string, env: Env, memory?: ProgramMemory): Promise<ComposeCli | undefined> {
  if (/(^|[/\\])docker(\.exe)?$/.test(program)) return probePlugin(program, env, memory);
  return probeStandalone(program, env, memory);
}

/** Whether `--help` lists `json` among the `--progress` values (the list wraps onto the next lines). */
export function helpOffersJsonProgress(help: string | undefined): boolean {
  const at = help?.indexOf('--progress') ?? -1;
  if (!help || at < 0) return false;
  const rest = help.slice(at + '--progress'.length);
  const next = rest.search(/\n\s*-{1,2}[a-z]/);
  return /\bjson\b/.test(next < 0 ? rest : rest.slice(0, next));
}

async function probePlugin(docker: string, env: Env, memory?: ProgramMemory): Promise<ComposeCli | undefined> {
  const plugin = await run(docker, ['compose', 'version'], env, memory);
  const pluginVersion = plugin === undefined ? undefined : parseVersion(plugin);
  if (!pluginVersion) return undefined;
  const jsonProgress = helpOffersJsonProgress(await run(docker, ['compose', '--help'], env));
  return {
    program: docker,
    prefix: ['compose'],
    command: 'docker compose',
    version: pluginVersion,
    v2: true,
    jsonProgress,
    env,
  };
}

async function probeStandalone(program: string, env: Env, memory?: ProgramMemory): Promise<ComposeCli | undefined> {
  const standalone = await run(program, ['version'], env, memory);
  const version = standalone === undefined ? undefined : parseVersion(standalone);
  if (!version) return undefined;
  const v2 = !version.startsWith('1.');
  const jsonProgress = v2 && helpOffersJsonProgress(await run(program, ['--help'], env));
  return { program, prefix: [], command: 'docker-compose', version, v2, jsonProgress, env };
}

export const describeTool = (cli: ComposeCli | undefined): ComposeTool =>
  cli ? { available: true, command: cli.command, version: cli.version } : { available: false, hint: INSTALL_HINT };
