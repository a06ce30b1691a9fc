/** How to install or start what is missing, per platform. */
import { describe, expect, it } from 'vitest';
import { installFix, startEngineFix } from '../../../../main/system/environmentHints';

describe('install hints', () => {
  it('gives a command and an https link for every tool on every OS', () => {
    for (const os of ['linux', 'darwin', 'win32'] as const)
      for (const id of ['engine', 'docker', 'compose', 'kind', 'kubectl', 'kubeconfig'] as const) {
        const fix = installFix(id, os);
        expect(fix.text.length).toBeGreaterThan(10);
        expect(fix.url ?? '').toMatch(/^https:\/\//);
      }
    expect(startEngineFix('win32', undefined).text).toMatch(/Docker Desktop/);
  });
});
