/** What the user types and pastes: replica counts, the deploy form, YAML to apply, kubeconfig files. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { checkReplicas } from '../../renderer/views/kubernetes/scaleInput';
import { checkDeployForm, nameFromImage } from '../../renderer/views/kubernetes/deployForm';
import { layoutPods } from '../../renderer/views/kubernetes/podLayout';
import { parseManifests } from '../../main/kube/apply';
import { kubeconfigFiles, loadKubeconfig } from '../../main/kube/kubeconfig';
import { kube } from '../../contract/kube';
import { ApiError } from '../../contract/errors';
import type { KubeNode, KubePod } from '../../contract/kube';

describe('replica counts', () => {
  it('accepts whole numbers from 0 and asks above 100', () => {
    expect(checkReplicas('0')).toEqual({ ok: true, replicas: 0, needsConfirm: false });
    expect(checkReplicas(' 5 ')).toEqual({ ok: true, replicas: 5, needsConfirm: false });
    expect(checkReplicas('101')).toEqual({ ok: true, replicas: 101, needsConfirm: true });
  });
  it('refuses negatives, non-numbers and fractions with a message', () => {
    expect(checkReplicas('-1')).toEqual({ ok: false, message: 'Replicas cannot be negative.' });
    expect(checkReplicas('abc')).toEqual({ ok: false, message: 'Replicas must be a number.' });
    expect(checkReplicas('1.5')).toEqual({ ok: false, message: 'Replicas must be a whole number.' });
    expect(checkReplicas('')).toMatchObject({ ok: false });
    expect(checkReplicas('1e9')).toMatchObject({ ok: false, message: expect.stringContaining('exceed') });
  });
  it('is enforced by main’s schema as well', () => {
    const scale = kube.scale.input;
    const base = { context: 'c', namespace: 'n', name: 'd' };
    expect(scale.safeParse({ ...base, replicas: 3 }).success).toBe(true);
    for (const replicas of [-1, 'abc', 1.5, Number.NaN, Infinity]) {
      expect(scale.safeParse({ ...base, replicas }).success).toBe(false);
    }
  });
});

describe('deploy form', () => {
  const form = {
    name: 'web',
    image: 'nginx:1.27',
    namespace: 'default',
    replicas: '2',
    ports: '80, 443',
    service: 'ClusterIP' as const,
  };
  it('builds the deploy input', () => {
    expect(checkDeployForm(form, 'ctx')).toEqual({
      ok: true,
      input: {
        context: 'ctx',
        namespace: 'default',
        name: 'web',
        image: 'nginx:1.27',
        replicas: 2,
        ports: [80, 443],
        service: 'ClusterIP',
      },
    });
  });
  it('puts each problem under its field', () => {
    const out = checkDeployForm({ ...form, name: 'Web_1', replicas: 'x', ports: '99999' }, 'ctx');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(Object.keys(out.errors).sort()).toEqual(['name', 'ports', 'replicas']);
  });
  it('derives a name from an image', () => {
    expect(nameFromImage('ghcr.io/acme/Web_App:1.2')).toBe('web-app');
    expect(nameFromImage('nginx@sha256:abc')).toBe('nginx');
  });
});

describe('YAML to apply', () => {
  it('reads every document, skipping empty ones and flagging non-objects', () => {
    const parsed = parseManifests(
      '---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n---\n- 1\n---\nkind: Foo\n',
    );
    expect(parsed.map((p) => [p.object?.kind, Boolean(p.problem)])).toEqual([
      ['ConfigMap', false],
      [undefined, true],
      ['Foo', true],
    ]);
  });
  it('gives the line and column of a syntax error', () => {
    try {
      parseManifests('apiVersion: v1\nkind: ConfigMap\n---\nmetadata: { name: x\ndata: [1\n');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe('invalid_input');
      expect(err.message).toMatch(/^YAML syntax error at line \d+, column \d+/);
      expect((err.details as { line: number }).line).toBeGreaterThanOrEqual(4);
    }
  });
});

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

describe('cluster map layout', () => {
  const node = (name: string) => ({ name }) as KubeNode;
  const pod = (name: string, nodeName?: string) =>
    ({ id: `ns/${name}`, name, node: nodeName, display: 'Running' }) as KubePod;
  it('puts pods in their node, unscheduled ones first, nodes by name', () => {
    const lanes = layoutPods([node('n2'), node('n1')], [pod('b', 'n1'), pod('a', 'n1'), pod('c'), pod('d', 'n9')]);
    expect(lanes.map((l) => [l.name, l.pods.map((p) => p.name)])).toEqual([
      ['', ['c']],
      ['n1', ['a', 'b']],
      ['n2', []],
      ['n9', ['d']],
    ]);
  });
});
