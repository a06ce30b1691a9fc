/**
 * The settings of this run of Berth: loaded once at start, changed through `update`, written to disk
 * before a change is reported, and observable by main's domains and the renderer.
 */
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { ApiError } from '../../contract/errors';
import { Settings, SettingsPatch, type SettingsKey, type SettingsSnapshot } from '../../contract/settings';
import { loadSettingsFile, saveSettingsFile, SETTINGS_FILE } from './settingsFile';

/** Settings read once at start; changing them asks for a restart (none today: the engine follows its settings live). */
const RESTART_KEYS: readonly SettingsKey[] = [];

export class SettingsStore {
  readonly file: string;
  private values: Settings;
  private readonly applied: Settings;
  private notice: string | undefined;
  private readonly emitter = new EventEmitter();
  private writes: Promise<unknown> = Promise.resolve();

  constructor(configDir: string) {
    this.file = join(configDir, SETTINGS_FILE);
    const loaded = loadSettingsFile(this.file);
    this.values = loaded.values;
    this.applied = loaded.values;
    this.notice = loaded.notice;
    this.emitter.setMaxListeners(0);
  }

  /** The settings now. */
  get current(): Settings {
    return this.values;
  }

  /** The settings as they were when Berth started (what the engine connection uses). */
  get atStart(): Settings {
    return this.applied;
  }

  snapshot(): SettingsSnapshot {
    return {
      values: this.values,
      file: this.file,
      restartRequired: RESTART_KEYS.filter((k) => this.values[k] !== this.applied[k]),
      notice: this.notice,
    };
  }

  /** Validates the patch and the merged result, writes the file, then tells every listener. */
  update(patch: SettingsPatch): Promise<SettingsSnapshot> {
    const run = async () => {
      const parsedPatch = SettingsPatch.safeParse(patch);
      if (!parsedPatch.success) throw invalid(parsedPatch.error.issues);
      const merged = Settings.safeParse({ ...this.values, ...parsedPatch.data });
      if (!merged.success) throw invalid(merged.error.issues);
      await saveSettingsFile(this.file, merged.data);
      this.values = merged.data;
      this.notice = undefined;
      const snap = this.snapshot();
      this.emitter.emit('change', snap);
      return snap;
    };
    // One write at a time, in the order asked, so the file always holds the last update.
    const next = this.writes.then(run, run);
    this.writes = next.catch(() => {});
    return next;
  }

  reset(): Promise<SettingsSnapshot> {
    return this.update(Settings.parse({}));
  }

  onChange(listener: (snapshot: SettingsSnapshot) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): ApiError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  return new ApiError(
    'invalid_input',
    `Invalid settings: ${details.map((d) => `${d.path || 'settings'}: ${d.message}`).join('; ')}`,
    'Fix the highlighted field and save again.',
    details,
  );
}
