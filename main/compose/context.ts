/** What every compose operation needs: the CLI (detected once), the engine, and where a stack's files are. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type Docker from 'dockerode';
import { ApiError } from '../../contract/errors';
import type { ComposeFile } from '../../contract/compose';
import { dockerCliEnv } from '../common/dockerCliEnv';
import type { Services } from '../services';
import type { ComposeScope } from './cli';
import { expandPath, readComposeFile } from './composeFile';
import { configFilesOf, LABEL } from './stacks';
import { detectComposeCli, INSTALL_HINT, type ComposeCli } from './tool';

export interface ScopeOptions {
  profiles?: string[];
  envFile?: string;
}

export class ComposeContext {
  private detected: Promise<ComposeCli | undefined> | undefined;
  /** The compose binary setting the cached detection was made for. */
  private detectedFor: string | undefined;

  constructor(
    readonly services: Pick<Services, 'engine' | 'tasks' | 'settings'> & Partial<Pick<Services, 'programs'>>,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  get docker(): Docker {
    return this.services.engine.docker;
  }

  /** Detects the CLI again (after the user installed one: `fresh` forgets what programs answered before). */
  redetect(fresh = false): Promise<ComposeCli | undefined> {
    if (fresh) this.services.programs?.forget();
    this.detectedFor = this.services.settings.current.composeBinary;
    this.detected = detectComposeCli(this.env, this.detectedFor, this.services.programs);
    return this.detected;
  }

  /** What was found (looking now only when nothing was, or the compose binary setting changed). */
  detection(): Promise<ComposeCli | undefined> {
    const stale = this.detectedFor !== this.services.settings.current.composeBinary;
    return this.detected && !stale ? this.detected : this.redetect();
  }

  /** The compose CLI, set to talk to the engine Berth is connected to (DOCKER_HOST), not the shell's. */
  async cli(): Promise<ComposeCli> {
    const cli = await this.detection();
    if (!cli) {
      this.detected = undefined;
      throw new ApiError('tool_missing', 'Neither `docker compose` nor `docker-compose` is installed.', INSTALL_HINT);
    }
    // Some callers (tests of the detection) hand in no engine.
    const engine = this.services.engine as Services['engine'] | undefined;
    // docker-compose v1 ignores DOCKER_CONTEXT (it would use the CLI's current context): it gets DOCKER_HOST.
    return engine ? { ...cli, env: dockerCliEnv(engine.endpoint, cli.env, { dockerPy: !cli.v2 }) } : cli;
  }

  /** The scope for a compose file the user opened. */
  async scopeOfFile(
    path: string,
    project: string | undefined,
    opts: ScopeOptions,
  ): Promise<{ scope: ComposeScope; file: ComposeFile }> {
    const file = await readComposeFile(path);
    return { file, scope: { project: project ?? file.project, files: [file.path], cwd: file.dir, ...options(opts) } };
  }

  /**
   * The scope for a stack on the engine: its file when given, else the files its labels name. `files` is
   * empty when those are gone from disk (then only engine-side actions work).
   */
  async scopeOfStack(
    project: string,
    file: string | undefined,
    opts: ScopeOptions,
  ): Promise<{ scope: ComposeScope; services: string[] }> {
    if (file) {
      const found = await this.scopeOfFile(file, project, opts);
      return { scope: found.scope, services: found.file.services.map((s) => s.name) };
    }
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [`${LABEL.project}=${project}`] },
    });
    const first = containers.sort((a, b) => b.Created - a.Created)[0];
    if (!first) throw new ApiError('not_found', `No stack named ${project} on the engine.`);
    const labels = first.Labels ?? {};
    const files = configFilesOf(labels).filter((f) => existsSync(f));
    const services = [...new Set(containers.map((c) => c.Labels?.[LABEL.service]).filter((s): s is string => !!s))];
    const cwd = labels[LABEL.workingDir] ?? (files[0] ? dirname(files[0]) : '/');
    return { scope: { project, files, cwd: existsSync(cwd) ? cwd : '/', ...options(opts) }, services };
  }
}

const options = (opts: ScopeOptions) => ({
  profiles: opts.profiles ?? [],
  envFile: opts.envFile ? expandPath(opts.envFile) : undefined,
});

/** Compose needs the file for most commands; say so plainly when it is gone. */
export function requireFiles(scope: ComposeScope): void {
  if (scope.files.length) return;
  throw new ApiError(
    'not_found',
    `The compose file of ${scope.project} is no longer on disk.`,
    'Open the compose file in Berth (or pass its path) and try again.',
  );
}
