/** The settings in settings.json: defaults, partial updates, validation, and a corrupt file backed up and reset. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../../../main/settings/settingsStore';
import { loadSettingsFile } from '../../../../main/settings/settingsFile';
import { DEFAULT_SETTINGS, SettingsPatch } from '../../../../contract/settings';
import { ApiError } from '../../../../contract/errors';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => join(dir, 'settings.json');

const readJson = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

describe('settings file', () => {
  it('gives the defaults when there is no file, and writes nothing', () => {
    const store = new SettingsStore(dir);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(store.snapshot().notice).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('saves a partial update, keeps the rest, and reads it back in a new store', async () => {
    const store = new SettingsStore(dir);
    const snap = await store.update({ theme: 'dark', defaultNamespace: 'team-a' });
    expect(snap.values).toMatchObject({ theme: 'dark', defaultNamespace: 'team-a', bindLocalhost: true });
    expect(readJson()).toMatchObject({ theme: 'dark', defaultNamespace: 'team-a', bindLocalhost: true });
    await store.update({ bindLocalhost: false });
    const again = new SettingsStore(dir);
    expect(again.current).toMatchObject({ theme: 'dark', defaultNamespace: 'team-a', bindLocalhost: false });
  });

  it('remembers a namespace per kubeconfig context; a hand-broken entry costs only those', async () => {
    const store = new SettingsStore(dir);
    await store.update({ kubeNamespaces: { 'kind-dev': 'team-a', prod: '' } });
    expect(new SettingsStore(dir).current.kubeNamespaces).toEqual({ 'kind-dev': 'team-a', prod: '' });
    await expect(store.update({ kubeNamespaces: { dev: 'Not A Namespace' } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    writeFileSync(file(), JSON.stringify({ theme: 'dark', kubeNamespaces: { dev: 42 } }));
    expect(new SettingsStore(dir).current).toMatchObject({ theme: 'dark', kubeNamespaces: {} });
  });

  it('creates the config folder when it does not exist yet', async () => {
    const nested = join(dir, 'a', 'b');
    await new SettingsStore(nested).update({ theme: 'light' });
    expect(JSON.parse(readFileSync(join(nested, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'light' });
  });

  it('refuses an invalid update with per-field details and leaves the file alone', async () => {
    const store = new SettingsStore(dir);
    await store.update({ theme: 'light' });
    const before = readFileSync(file(), 'utf8');
    const bad = { defaultNamespace: 'Not A Namespace', bindLocalhost: 'yes' as unknown as boolean };
    const err = await store.update(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    expect(((err as ApiError).details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([
      'bindLocalhost',
      'defaultNamespace',
    ]);
    expect(readFileSync(file(), 'utf8')).toBe(before);
    expect(store.current.theme).toBe('light');
  });

  it('rejects unknown keys and bad engine hosts in a patch', () => {
    expect(SettingsPatch.safeParse({ nope: 1 }).success).toBe(false);
    expect(SettingsPatch.safeParse({ engineHost: 'docker.sock' }).success).toBe(false);
    expect(SettingsPatch.safeParse({ engineHost: '/run/user/1000/docker.sock' }).success).toBe(true);
    expect(SettingsPatch.safeParse({ engineHost: 'tcp://10.0.0.2:2375' }).success).toBe(true);
    expect(SettingsPatch.parse({ theme: 'dark' })).toEqual({ theme: 'dark' }); // no defaults filled in
  });

  it('keeps writes in order: the file holds the last update', async () => {
    const store = new SettingsStore(dir);
    await Promise.all([
      store.update({ defaultNamespace: 'one' }),
      store.update({ defaultNamespace: 'two' }),
      store.update({ defaultNamespace: 'three' }),
    ]);
    expect(readJson().defaultNamespace).toBe('three');
  });

  it('tells listeners after the file is written', async () => {
    const store = new SettingsStore(dir);
    const seen: string[] = [];
    store.onChange((s) => seen.push(`${s.values.theme}:${(readJson() as { theme: string }).theme}`));
    await store.update({ theme: 'dark' });
    expect(seen).toEqual(['dark:dark']);
  });

  it('needs no restart when the engine settings change (the engine follows them live)', async () => {
    const store = new SettingsStore(dir);
    expect((await store.update({ engineHost: 'unix:///tmp/other.sock' })).restartRequired).toEqual([]);
    expect((await store.update({ engineContext: 'remote', engineHost: '' })).restartRequired).toEqual([]);
  });

  it('fills in settings missing from an older file and drops keys it does not know', () => {
    writeFileSync(file(), JSON.stringify({ theme: 'dark', someFutureKey: 1 }));
    const store = new SettingsStore(dir);
    expect(store.current).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(store.snapshot().notice).toBeUndefined();
  });
});

describe('a corrupt settings file', () => {
  it.each([
    ['broken JSON', '{"theme": "dark",,,'],
    ['valid JSON that is not settings', JSON.stringify({ theme: 'purple', bindLocalhost: 'lots' })],
    ['not an object', '[1,2,3]'],
    ['an empty file', ''],
  ])('%s is backed up and reset to the defaults, never a crash', (_what, content) => {
    writeFileSync(file(), content);
    const store = new SettingsStore(dir);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    const backups = readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0] ?? ''), 'utf8')).toBe(content);
    expect(readJson()).toEqual(DEFAULT_SETTINGS);
    expect(store.snapshot().notice).toMatch(/unreadable.*settings\.json\.corrupt-/);
  });

  it('names the backup after the time it was found', () => {
    writeFileSync(file(), 'nope');
    const loaded = loadSettingsFile(file(), () => Date.UTC(2030, 0, 2, 3, 4, 5));
    expect(loaded.backup).toBe(`${file()}.corrupt-2030-01-02T03-04-05-000Z`);
  });

  it('a later save clears the notice', async () => {
    writeFileSync(file(), 'nope');
    const store = new SettingsStore(dir);
    expect((await store.update({ theme: 'light' })).notice).toBeUndefined();
  });

  it('a settings path that is a folder does not crash either', () => {
    mkdirSync(file());
    const store = new SettingsStore(dir);
    expect(store.current).toEqual(DEFAULT_SETTINGS);
    expect(store.snapshot().notice).toMatch(/Could not read/);
  });
});
