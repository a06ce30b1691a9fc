/** Where settings.json lives. */
import { describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../../../../main/settings/configDir';

describe('config dir', () => {
  it('follows BERTH_CONFIG_DIR, then the platform convention Electron uses for userData', () => {
    expect(defaultConfigDir({ BERTH_CONFIG_DIR: '/x/y' }, 'linux', '/home/u')).toBe('/x/y');
    expect(defaultConfigDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Berth');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Berth');
    expect(defaultConfigDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Berth');
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toMatch(
      /Roaming.Berth$/,
    );
  });
});
