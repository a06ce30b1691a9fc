/**
 * Watches what a compose preview depends on: the compose file, the `.env` beside it (compose reads it for
 * variables) and an env file the user named. Each file's folder is watched rather than the file itself,
 * because editors save by writing a new file and renaming it over the old one; only the watched names
 * count. Changes are reported once things go quiet for a moment, a burst of writes as one event.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { StreamSink } from '../../contract/define';
import { ApiError } from '../../contract/errors';
import { expandPath, locateComposeFile } from './composeFile';

const QUIET_MS = 150;

export async function watchComposeFile(
  input: { path: string; envFile?: string },
  sink: StreamSink<{ changed: string }>,
  signal: AbortSignal,
): Promise<void> {
  const file = await locateComposeFile(input.path);
  const files = [file, join(dirname(file), '.env'), ...(input.envFile ? [expandPath(input.envFile)] : [])];
  const byDir = new Map<string, Set<string>>();
  for (const f of files) byDir.set(dirname(f), (byDir.get(dirname(f)) ?? new Set()).add(basename(f)));
  let timer: NodeJS.Timeout | undefined;
  let changed = '';
  const watchers: FSWatcher[] = [];
  const stop = () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
  for (const [dir, names] of byDir) {
    let w: FSWatcher;
    try {
      w = watch(dir, { persistent: false }, (_event, name) => {
        if (!name || !names.has(name.toString())) return;
        changed = join(dir, name.toString());
        clearTimeout(timer);
        timer = setTimeout(() => sink.next({ changed }), QUIET_MS);
      });
    } catch (e) {
      // The compose file's own folder must be watchable; an env file's folder that is not there is skipped.
      if (dir !== dirname(file)) continue;
      stop();
      throw new ApiError('failed', `Cannot watch ${dir}: ${(e as Error).message}`);
    }
    w.on('error', (e) => {
      stop();
      sink.fail(new ApiError('failed', `Stopped watching ${dir}: ${e.message}`));
    });
    watchers.push(w);
  }
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
}
