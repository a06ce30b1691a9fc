/** Finding and loading kubeconfig files (KUBECONFIG, several files, broken ones). */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { kubeconfigFiles, loadKubeconfig } from '../../../../main/kube/kubeconfig';

describe('kubeconfig', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });
  const write = (dir: string, file: string, ctx: string, current?: string) => {
    const path = join(dir, file);
    writeFileSync(
      path,
      `apiVersion: v1\nkind: Config\nclusters: [{name: ${ctx}, cluster: {server: "https://${ctx}.example:6443"}}]\nusers: [{name: ${ctx}, user: {token: t}}]\ncontexts: [{name: ${ctx}, context: {cluster: ${ctx}, user: ${ctx}}}]\n${current ? `current-context: ${current}\n` : ''}`,
    );
    return path;
  };
  it('merges every KUBECONFIG file and ~/.kube/config, first one wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-kc-'));
    const a = write(dir, 'a', 'one', 'one');
    const b = write(dir, 'b', 'two', 'two');
    const home = mkdtempSync(join(tmpdir(), 'berth-home-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(home, '.kube'));
    write(join(home, '.kube'), 'config', 'three');
    delete process.env.BERTH_KUBECONFIG;
    process.env.KUBECONFIG = [a, join(dir, 'missing'), b].join(delimiter);
    process.env.HOME = home;
    expect(kubeconfigFiles()).toEqual([a, b, join(home, '.kube', 'config')]);
    const { config } = await loadKubeconfig();
    expect(config.getContexts().map((c) => c.name)).toEqual(['one', 'two', 'three']);
    expect(config.getCurrentContext()).toBe('one');
    expect(kubeconfigFiles(b)).toEqual([b]);
    await expect(loadKubeconfig(join(dir, 'nope'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
