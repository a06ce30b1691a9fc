/** Finding programs the way a shell does: a `which` over PATH, with PATHEXT on Windows. */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

export interface PathEnv {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
}

const pathOf = (env: NodeJS.ProcessEnv): string => env.PATH ?? env.Path ?? '';

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `name` (a program name or a path), or undefined when it is not there. */
export function findExecutable(name: string, probe: PathEnv): string | undefined {
  if (!name) return undefined;
  const exts =
    probe.platform === 'win32' ? ['', ...(probe.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').toLowerCase().split(';')] : [''];
  if (isAbsolute(name) || name.includes('/') || (probe.platform === 'win32' && name.includes('\\'))) {
    return exts.map((e) => name + e).find((f) => isExecutable(f, probe.platform));
  }
  const sep = probe.platform === 'win32' ? ';' : delimiter;
  for (const dir of pathOf(probe.env).split(sep)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate, probe.platform)) return candidate;
    }
  }
  return undefined;
}
