/**
 * electron-builder.yml checked by electron-builder itself: its own config loader and its own schema
 * validation (app-builder-lib's validateConfiguration against scheme.json), as `npm run dist` would do
 * before packaging. Packaging itself needs Electron's binary and is not run here.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';

const root = join(import.meta.dirname, '..', '..');
const load = (): Promise<Configuration> => getConfig(root, join(root, 'electron-builder.yml'), null);
const validate = (config: Configuration): Promise<void> => validateConfiguration(config, new DebugLogger(false));
type Loose = Record<string, unknown> & { linux?: Record<string, unknown> };

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validate(await load())).resolves.toBeUndefined();
  });

  it('builds Berth for Linux (AppImage, deb), macOS (dmg x64+arm64) and Windows (nsis) into release/', async () => {
    const c = await load();
    expect(c.appId).toBe('dev.berth.app');
    expect(c.productName).toBe('Berth');
    expect(c.directories?.output).toBe('release');
    // electron-builder's loader normalises `files` to one filter set.
    expect(JSON.stringify(c.files)).toContain('"dist/**","package.json"');
    expect(c.linux?.target).toEqual(['AppImage', 'deb']);
    expect(c.linux?.category).toBe('Development');
    expect(c.linux?.maintainer).toMatch(/.+<.+@.+>/);
    expect(c.mac?.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }]);
    expect(c.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const assoc = Array.isArray(c.fileAssociations) ? c.fileAssociations : [c.fileAssociations];
    expect(assoc[0]?.ext).toEqual(['yaml', 'yml']);
  });

  it('points at icons that exist: a PNG set for Linux, .icns for macOS, .ico for Windows', async () => {
    const c = await load();
    const linuxIcons = join(root, c.linux?.icon ?? '');
    for (const n of [16, 32, 64, 128, 256, 512]) {
      const png = readFileSync(join(linuxIcons, `${n}x${n}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(n); // IHDR width
      expect(png.readUInt32BE(20)).toBe(n);
    }
    expect(
      readFileSync(join(root, c.mac?.icon ?? ''))
        .subarray(0, 4)
        .toString(),
    ).toBe('icns');
    expect(readFileSync(join(root, c.win?.icon ?? '')).readUInt16LE(2)).toBe(1); // ICONDIR type 1 = icon
    for (const f of ['icon.png', 'tray.png', 'trayTemplate.png'])
      expect(existsSync(join(root, 'assets', f)), f).toBe(true);
  });

  it('npm run dist uses this file', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.dist).toContain('electron-builder --config electron-builder.yml');
  });

  it('rejects a deliberately broken config: an unknown option', async () => {
    const broken = { ...(parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Loose) };
    broken.linux = { ...broken.linux, targets: ['AppImage'] }; // the option is `target`
    await expect(validate(broken as Configuration)).rejects.toThrow(
      /Invalid configuration object[\s\S]*configuration\.linux/,
    );
  });

  it('rejects a deliberately broken config: a value outside the allowed set', async () => {
    const broken = { ...(parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Loose) };
    broken.compression = 'ultra'; // store, normal or maximum
    await expect(validate(broken as Configuration)).rejects.toThrow(/configuration\.compression/);
  });
});
