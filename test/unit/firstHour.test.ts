/**
 * Pure logic behind issue 14's fixes: one answer to "where is the kubeconfig" for the Kubernetes view and
 * Settings → Environment (item 6), contexts read from the YAML alone (4), quantities and requests for the
 * Nodes table (13), and the replicas slider's stable range (2).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateKubeconfig, readKubeconfigContexts } from '../../main/common/kubeconfigFiles';
import { checkKubeconfig } from '../../main/system/environmentKubeconfig';
import { parseQuantity, podRequests } from '../../main/kube/quantity';
import { nodeLoads } from '../../renderer/views/kubernetes/nodeLoad';
import { sliderMaxFor } from '../../renderer/views/kubernetes/scaleInput';
import type { KubePod } from '../../contract/kube';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-first-hour-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kubeconfig = (file: string, current: string, ...contexts: string[]) => {
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${current}`,
      'clusters:',
      ...contexts.map((c) => `- name: ${c}\n  cluster: {server: "https://${c}.example:6443"}`),
      'contexts:',
      ...contexts.map((c) => `- name: ${c}\n  context: {cluster: ${c}, user: ${c}, namespace: team-${c}}`),
    ].join('\n'),
  );
  return file;
};

describe('where the kubeconfig is (one answer for the Kubernetes view and Settings)', () => {
  it('uses BERTH_KUBECONFIG alone, and the environment check agrees', () => {
    const file = kubeconfig(join(dir, 'berth'), 'a', 'a', 'b');
    const env = { BERTH_KUBECONFIG: file, KUBECONFIG: join(dir, 'other') };
    expect(locateKubeconfig({ env, home: dir })).toMatchObject({ files: [file], source: 'BERTH_KUBECONFIG' });
    expect(checkKubeconfig(env, 'linux', dir)).toMatchObject({
      found: true,
      status: 'ok',
      path: file,
      detail: 'current context a · 2 contexts · from BERTH_KUBECONFIG',
    });
  });

  it('merges KUBECONFIG and ~/.kube/config, missing files left out but named', () => {
    mkdirSync(join(dir, '.kube'));
    const home = kubeconfig(join(dir, '.kube', 'config'), 'h', 'h');
    const a = kubeconfig(join(dir, 'a'), 'a', 'a', 'h');
    const where = locateKubeconfig({ env: { KUBECONFIG: `${join(dir, 'gone')}:${a}` }, home: dir });
    expect(where.candidates).toEqual([join(dir, 'gone'), a, home]);
    expect(where.files).toEqual([a, home]);
    const read = readKubeconfigContexts(where.files);
    expect(read.current).toBe('a');
    expect(read.contexts).toEqual([
      { name: 'a', cluster: 'a', user: 'a', namespace: 'team-a', server: 'https://a.example:6443' },
      { name: 'h', cluster: 'h', user: 'h', namespace: 'team-h', server: 'https://h.example:6443' },
    ]);
  });

  it('reports a file that is not YAML instead of throwing', () => {
    writeFileSync(join(dir, 'bad'), 'contexts: [unclosed');
    const read = readKubeconfigContexts([join(dir, 'bad')]);
    expect(read.contexts).toEqual([]);
    expect(read.broken.map((b) => b.file)).toEqual([join(dir, 'bad')]);
  });
});

describe('resource quantities and requests', () => {
  it('parses the forms Kubernetes writes', () => {
    expect(parseQuantity('250m')).toBe(0.25);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1.5')).toBe(1.5);
    expect(parseQuantity('128Mi')).toBe(128 * 2 ** 20);
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1k')).toBe(1000);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('12345678n')).toBeCloseTo(0.012345678);
    expect(parseQuantity('')).toBe(0);
    expect(parseQuantity('lots')).toBe(0);
  });

  it('counts a pod as the scheduler does: containers summed, the largest init container, overhead', () => {
    const requests = (cpu: string, memory: string) => ({ resources: { requests: { cpu, memory } } });
    expect(
      podRequests({
        containers: [
          { name: 'a', ...requests('100m', '64Mi') },
          { name: 'b', ...requests('150m', '64Mi') },
        ],
        initContainers: [{ name: 'i', ...requests('1', '16Mi') }],
        overhead: { cpu: '10m' },
      }),
    ).toEqual({ cpu: 1.01, memory: 128 * 2 ** 20 });
  });

  it('sums what is scheduled on each node, finished pods left out', () => {
    const pod = (node: string | undefined, phase: string, cpu: number) =>
      ({ node, phase, requests: { cpu, memory: 1 } }) as KubePod;
    const loads = nodeLoads([
      pod('n1', 'Running', 0.5),
      pod('n1', 'Pending', 0.25),
      pod('n1', 'Succeeded', 4),
      pod(undefined, 'Pending', 1),
    ]);
    expect(loads.get('n1')).toEqual({ cpu: 0.75, memory: 2, pods: 2 });
    expect(loads.size).toBe(1);
  });
});

describe('the replicas slider range', () => {
  it('leaves room above the replicas and does not follow every change', () => {
    expect(sliderMaxFor(0)).toBe(10);
    expect(sliderMaxFor(1)).toBe(10);
    expect(sliderMaxFor(8)).toBe(20);
    expect(sliderMaxFor(40)).toBe(100);
    expect(sliderMaxFor(5000)).toBe(8000);
  });
});
