/** The kubeconfig's row of the environment check. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKubeconfig } from '../../../../main/system/environmentKubeconfig';

describe('kubeconfig check', () => {
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'berth-kubeconfig-'));
  });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const config = (current: string, ...contexts: string[]) =>
    `apiVersion: v1\nkind: Config\ncurrent-context: ${current}\ncontexts:\n${contexts
      .map((c) => `- name: ${c}\n  context: {cluster: ${c}, user: ${c}}`)
      .join('\n')}\n`;

  it('is missing without ~/.kube/config', () => {
    const c = checkKubeconfig({}, 'linux', home);
    expect(c).toMatchObject({ found: false, status: 'missing' });
    expect(c.fix?.command).toBe('kind create cluster');
  });

  it('reads ~/.kube/config: contexts and the current one', () => {
    mkdirSync(join(home, '.kube'));
    writeFileSync(join(home, '.kube', 'config'), config('kind-dev', 'kind-dev', 'prod'));
    expect(checkKubeconfig({}, 'linux', home)).toMatchObject({
      found: true,
      status: 'ok',
      detail: 'current context kind-dev · 2 contexts',
    });
  });

  it('merges the files in KUBECONFIG, skipping the missing ones', () => {
    writeFileSync(join(home, 'a'), config('a', 'a'));
    writeFileSync(join(home, 'b'), config('', 'b', 'c'));
    const c = checkKubeconfig(
      { KUBECONFIG: [join(home, 'nope'), join(home, 'a'), join(home, 'b')].join(':') },
      'linux',
      home,
    );
    expect(c).toMatchObject({ status: 'ok', detail: 'current context a · 3 contexts' });
  });

  it('flags a file with no contexts or that is not YAML', () => {
    writeFileSync(join(home, 'bad'), '{{{ not yaml');
    expect(checkKubeconfig({ KUBECONFIG: join(home, 'bad') }, 'linux', home)).toMatchObject({
      found: true,
      status: 'problem',
    });
  });
});
