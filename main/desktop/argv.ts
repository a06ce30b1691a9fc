/** Finds the compose file in a command line: `berth compose.yaml`, a file association, or a second launch. */
import { statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';

const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:\.[\w-]+)?|[\w.-]+\.compose)\.ya?ml$/i;

/** compose.yaml, compose.override.yml, docker-compose.yml, docker-compose.dev.yaml, app.compose.yaml. */
export const isComposeFileName = (file: string): boolean => COMPOSE_NAME.test(basename(file));

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The first argument that names an existing compose file, resolved against `cwd`. Flags (--foo), the
 * executable and the app path are skipped. Any existing .yml/.yaml counts too: the user asked for it.
 */
export function composeFileFromArgv(argv: readonly string[], cwd: string): string | undefined {
  for (const arg of argv.slice(1)) {
    if (!arg || arg.startsWith('-')) continue;
    if (!/\.ya?ml$/i.test(arg)) continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (isFile(path)) return path;
  }
  return undefined;
}
