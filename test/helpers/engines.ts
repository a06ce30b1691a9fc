/**
 * The two engines Berth's integration tests run against: Debian's Engine 20.10 (API 1.41, classic image
 * store) at /var/run/docker.sock, and today's Engine 29 (API 1.56, containerd image store) started by
 * test/engines/start-modern.sh in its own network namespace. The modern one comes from
 * BERTH_MODERN_DOCKER_HOST when set (CI sets it), else from start-modern.sh's last line; when neither works
 * the tests fail saying how to get it — they are not skipped. Also: a DOCKER_CONFIG holding the buildx and
 * Compose v5 plugins that test/engines/build.sh built, and the docker CLI pointed at either engine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

export interface TestEngine {
  /** For test names: "Engine 20.10" or "Engine 29". */
  name: string;
  /** The DOCKER_HOST of it. */
  host: () => Promise<string>;
}

export const DEBIAN_HOST = 'unix:///var/run/docker.sock';

let modern: Promise<string> | undefined;

/** BERTH_MODERN_DOCKER_HOST, or the DOCKER_HOST line start-modern.sh prints last. */
export function modernEngineHost(): Promise<string> {
  modern ??= (async () => {
    const given = process.env.BERTH_MODERN_DOCKER_HOST;
    if (given) return given;
    const script = join(ROOT, 'test', 'engines', 'start-modern.sh');
    try {
      const env = { ...process.env, BERTH_ENGINES_NO_BUILD: '1' };
      const { stdout } = await exec('bash', [script], { env, maxBuffer: 16 * 1024 * 1024 });
      const line = stdout.trim().split('\n').pop() ?? '';
      if (!line.startsWith('DOCKER_HOST=')) throw new Error(`start-modern.sh printed no DOCKER_HOST line: ${line}`);
      return line.slice('DOCKER_HOST='.length);
    } catch (e) {
      throw new Error(
        'The modern engine (Engine 29) is needed: set BERTH_MODERN_DOCKER_HOST, or build it with ' +
          '`bash test/engines/build.sh` and start it with `sudo bash test/engines/start-modern.sh`.',
        { cause: e },
      );
    }
  })();
  return modern;
}

export const ENGINES: TestEngine[] = [
  { name: 'Engine 20.10', host: async () => DEBIAN_HOST },
  { name: 'Engine 29', host: modernEngineHost },
];

/** Where test/engines/build.sh put the buildx and Compose v5 plugins. */
export const PLUGINS_DIR = join(
  process.env.BERTH_ENGINES_CACHE ?? join(homedir(), '.cache', 'berth-engines'),
  'docker-config',
  'cli-plugins',
);

/**
 * A fresh DOCKER_CONFIG (no credentials) whose cli-plugins are the built buildx and compose, set as this
 * process's DOCKER_CONFIG (Berth's CLIs inherit it). Returns it and a function that removes it.
 */
export function useTempDockerConfig(): { dir: string; dispose(): void } {
  if (!existsSync(join(PLUGINS_DIR, 'docker-buildx'))) {
    throw new Error(`No buildx plugin in ${PLUGINS_DIR}: build it with \`bash test/engines/build.sh\`.`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'berth-docker-config-'));
  symlinkSync(PLUGINS_DIR, join(dir, 'cli-plugins'));
  const before = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = dir;
  return {
    dir,
    dispose: () => {
      if (before === undefined) delete process.env.DOCKER_CONFIG;
      else process.env.DOCKER_CONFIG = before;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The docker CLI against one engine (DOCKER_CONFIG as this process has it). */
export function dockerOn(host: string) {
  return async (...args: string[]): Promise<string> => {
    const { stdout } = await exec('docker', args, {
      env: { ...process.env, DOCKER_HOST: host },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout.trim();
  };
}
