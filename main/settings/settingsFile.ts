/**
 * Reads and writes settings.json. Reading never throws: a missing file gives the defaults, and a file that
 * is not valid JSON or not valid settings is moved aside to settings.json.corrupt-<timestamp> and replaced
 * by the defaults, with a notice for the user. Writes go to a temporary file first and are renamed in place.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { Settings } from '../../contract/settings';

export const SETTINGS_FILE = 'settings.json';

export interface LoadedSettings {
  values: Settings;
  /** Set when the file was unreadable and was reset. */
  notice?: string;
  /** Where the unreadable file was moved. */
  backup?: string;
}

const serialize = (values: Settings): string => `${JSON.stringify(values, null, 2)}\n`;

export function loadSettingsFile(file: string, now: () => number = Date.now): LoadedSettings {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { values: Settings.parse({}) };
    return { values: Settings.parse({}), notice: `Could not read ${file} (${String(e)}); using the defaults.` };
  }
  let why: string;
  try {
    const parsed = Settings.safeParse(JSON.parse(raw));
    if (parsed.success) return { values: parsed.data };
    why = z.prettifyError(parsed.error).replace(/\n/g, '; ');
  } catch (e) {
    why = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
  const values = Settings.parse({});
  const backup = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
  try {
    renameSync(file, backup);
    writeAtomicSync(file, serialize(values));
  } catch (e) {
    return { values, notice: `Your settings file was unreadable (${why}) and could not be reset: ${String(e)}` };
  }
  return {
    values,
    backup,
    notice: `Your settings file was unreadable (${why}). It was saved as ${backup} and the settings were reset to their defaults.`,
  };
}

function writeAtomicSync(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${SETTINGS_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

export async function saveSettingsFile(file: string, values: Settings): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${SETTINGS_FILE}.${process.pid}.${Date.now()}.tmp`);
  await writeFile(tmp, serialize(values), { mode: 0o600 });
  await rename(tmp, file);
}
