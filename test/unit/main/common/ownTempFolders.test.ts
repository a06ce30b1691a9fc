import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { makeTempFolder, removeStaleTempFolders } from '../../../../main/common/ownTempFolders';

const roots: string[] = [];
afterEach(() => {
  for (const d of roots.splice(0)) rmSync(d, { recursive: true, force: true });
});
const DEAD_PID = 2 ** 22 + 12345; // above Linux's pid_max: never a live process

describe('Berth’s own temporary folders', () => {
  it('are named after the purpose and this process', async () => {
    const root = mkdtempSync(join(tmpdir(), 'berth-tempfolders-'));
    roots.push(root);
    const dir = await makeTempFolder('build', root);
    expect(dirname(dir)).toBe(root);
    expect(basename(dir)).toMatch(new RegExp(`^berth-build-${process.pid}-[A-Za-z0-9]{6}$`));
  });

  it('removes only the ones whose process is gone, never a running Berth’s or anything named otherwise', async () => {
    const root = mkdtempSync(join(tmpdir(), 'berth-tempfolders-'));
    roots.push(root);
    const own = await makeTempFolder('build', root);
    const dead = join(root, `berth-build-${DEAD_PID}-aB3xYz`);
    const live = join(root, `berth-build-${process.ppid}-aB3xYz`);
    const others = [
      `berth-build-abc123`, // the old unnamed kind: whose it is cannot be told
      `berth-logs-${DEAD_PID}-aB3xYz`, // not a purpose swept here
      `berth-t-123456-aB3xYz`, // a test's own folder
      `berth-build-${DEAD_PID}-aB3xYz-more`,
    ];
    for (const d of [dead, live, ...others.map((n) => join(root, n))])
      mkdirSync(join(d, 'inside'), { recursive: true });
    expect(removeStaleTempFolders(root)).toEqual([dead]);
    expect(existsSync(dead)).toBe(false);
    expect(readdirSync(root).sort()).toEqual([basename(own), basename(live), ...others].sort());
  });
});
