/** A compose file passed on the command line (first or second launch). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeFileFromArgv, isComposeFileName } from '../../../../main/desktop/argv';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-desktop-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('compose file from argv', () => {
  it('finds an existing compose file, relative to the launch folder, skipping flags', () => {
    writeFileSync(join(dir, 'compose.yaml'), 'services: {}\n');
    const argv = ['/opt/Berth/berth', '--enable-features=X', 'compose.yaml'];
    expect(composeFileFromArgv(argv, dir)).toBe(join(dir, 'compose.yaml'));
    expect(composeFileFromArgv(['/opt/Berth/berth', join(dir, 'compose.yaml')], '/')).toBe(join(dir, 'compose.yaml'));
  });

  it('ignores missing files and non-YAML arguments', () => {
    expect(composeFileFromArgv(['berth', 'missing.yml', '.', 'README.md'], dir)).toBeUndefined();
    expect(composeFileFromArgv(['berth'], dir)).toBeUndefined();
  });

  it('knows compose file names', () => {
    for (const n of [
      'compose.yaml',
      'compose.yml',
      'docker-compose.yml',
      'docker-compose.dev.yaml',
      'app.compose.yaml',
    ])
      expect(isComposeFileName(`/x/${n}`)).toBe(true);
    expect(isComposeFileName('/x/values.yaml')).toBe(false);
  });
});
