/** Finding the kind binary (setting, PATH). */
import { describe, expect, it } from 'vitest';
import { locateKind } from '../../../../../main/kube/kind/kindCli';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('finding the kind binary', () => {
  it('follows the setting (a path or a name on PATH), then BERTH_KIND, then PATH', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kind-'));
    const kind = join(dir, 'kind');
    const other = join(dir, 'kind-0.33');
    for (const f of [kind, other]) {
      writeFileSync(f, '#!/bin/sh\necho kind v0.33.0\n');
      chmodSync(f, 0o755);
    }
    expect(locateKind('', { PATH: dir })).toBe(kind);
    expect(locateKind('kind-0.33', { PATH: dir })).toBe(other);
    expect(locateKind(other, { PATH: '' })).toBe(other);
    expect(locateKind('', { PATH: '', BERTH_KIND: other })).toBe(other);
    expect(locateKind(join(dir, 'missing'), { PATH: dir })).toBeUndefined();
    expect(locateKind('', { PATH: '' })).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
