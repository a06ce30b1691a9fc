/**
 * Pure logic behind issue 14's fixes: one answer to "where is the kubeconfig" for the Kubernetes view and
 * Settings → Environment (item 6), contexts read from the YAML alone (4), quantities and requests for the
 * Nodes table (13), the replicas slider's stable range (2), times that count on (5), columns that give way
 * to a side panel (8), one image count (10), and the small things (15).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateKubeconfig, readKubeconfigContexts } from '../../../../main/common/kubeconfigFiles';
import { checkKubeconfig } from '../../../../main/system/environmentKubeconfig';
import { parseQuantity, podRequests } from '../../../../main/kube/quantity';
import { nodeLoads } from '../../../../renderer/views/kubernetes/nodeLoad';
import { sliderMaxFor } from '../../../../renderer/views/kubernetes/scaleInput';
import type { KubePod } from '../../../../contract/kube';
import { keepSince, statusSince } from '../../../../main/engine/containers/containerSince';
import { humanDuration, liveStatus } from '../../../../renderer/common/format';
import { publishedPorts } from '../../../../renderer/views/containers/portLabel';
import { parseManifests } from '../../../../main/kube/apply';
import { parseComposeText } from '../../../../main/compose/composeFile';
import { fitColumns } from '../../../../renderer/components/fitColumns';
import { imageCounts, imageSummary } from '../../../../renderer/views/images/imageRows';
import type { ImageSummary } from '../../../../contract/images';
import { ProgramMemory } from '../../../../main/common/programMemory';
import { utimesSync } from 'node:fs';

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

  it('reads KUBECONFIG instead of ~/.kube/config (as kubectl), missing files left out but named', () => {
    mkdirSync(join(dir, '.kube'));
    const home = kubeconfig(join(dir, '.kube', 'config'), 'h', 'h');
    const a = kubeconfig(join(dir, 'a'), 'a', 'a', 'h');
    const where = locateKubeconfig({ env: { KUBECONFIG: `${join(dir, 'gone')}:${a}:${a}` }, home: dir });
    expect(where).toMatchObject({ candidates: [join(dir, 'gone'), a], files: [a], source: 'KUBECONFIG' });
    expect(locateKubeconfig({ env: {}, home: dir })).toMatchObject({ files: [home], source: '~/.kube/config' });
    const read = readKubeconfigContexts(where.files);
    expect(read.current).toBe('a');
    expect(read.contexts).toEqual([
      {
        name: 'a',
        cluster: 'a',
        user: 'a',
        namespace: 'team-a',
        server: 'https://a.example:6443',
        auth: 'none',
        insecure: false,
      },
      {
        name: 'h',
        cluster: 'h',
        user: 'h',
        namespace: 'team-h',
        server: 'https://h.example:6443',
        auth: 'none',
        insecure: false,
      },
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

describe('container times that count on', () => {
  const at = Date.parse('2026-01-01T12:00:00Z');
  it('reads the start back from the engine words when the list was read', () => {
    expect(statusSince('Up Less than a second', at)).toBe(at);
    expect(statusSince('Up 54 seconds (healthy)', at)).toBe(at - 54_000);
    expect(statusSince('Up About a minute', at)).toBe(at - 60_000);
    expect(statusSince('Exited (137) 3 hours ago', at)).toBe(at - 3 * 3_600_000);
    expect(statusSince('Created', at)).toBeUndefined();
  });

  it('words a duration the way Docker does, and renders the status as of now', () => {
    expect(humanDuration(400)).toBe('Less than a second');
    expect(humanDuration(1000)).toBe('1 second');
    expect(humanDuration(59_000)).toBe('59 seconds');
    expect(humanDuration(61_000)).toBe('About a minute');
    expect(humanDuration(5 * 60_000)).toBe('5 minutes');
    expect(humanDuration(3 * 3_600_000)).toBe('3 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(liveStatus('Up Less than a second', at, at + 54_000)).toBe('Up 54 seconds');
    expect(liveStatus('Up 2 seconds (healthy)', at, at + 3 * 60_000)).toBe('Up 3 minutes (healthy)');
    expect(liveStatus('Exited (0) 5 seconds ago', at, at + 10_000)).toBe('Exited (0) 10 seconds ago');
    expect(liveStatus('Created', undefined, at)).toBe('Created');
  });

  it('keeps the finer start time a container was first seen with', () => {
    const first = { state: 'running', status: 'Up 5 seconds', since: at - 5_000 };
    const later = { state: 'running', status: 'Up 5 minutes', since: at + 300_000 - 300_000 + 20_000 };
    expect(keepSince(first, later).since).toBe(first.since);
    const restarted = { state: 'running', status: 'Up 1 second', since: at + 600_000 };
    expect(keepSince(first, restarted).since).toBe(restarted.since);
  });
});

describe('small things', () => {
  it('shows one link for a binding the engine lists on 0.0.0.0 and on ::', () => {
    const ports = publishedPorts([
      { ip: '0.0.0.0', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '::', privatePort: 80, publicPort: 8080, type: 'tcp' },
      { ip: '127.0.0.1', privatePort: 81, publicPort: 8081, type: 'tcp' },
      { privatePort: 82, type: 'tcp' },
    ]);
    expect(ports.map((p) => [p.label, p.url])).toEqual([
      ['8080→80/tcp', 'http://localhost:8080/'],
      ['127.0.0.1:8081→81/tcp', 'http://127.0.0.1:8081/'],
    ]);
  });

  it('names a YAML error position once', () => {
    const once = (message: string) => expect(message.match(/line \d+, column \d+/g)).toHaveLength(1);
    try {
      parseManifests('a: b: c\n');
      throw new Error('no error');
    } catch (e) {
      once((e as Error).message);
    }
    try {
      parseComposeText('services:\n  web:\n    image: a: b\n', '/x/compose.yaml');
      throw new Error('no error');
    } catch (e) {
      once((e as Error).message);
      expect((e as Error).message).not.toMatch(/:$/);
    }
  });

  it('drops the least useful columns first when a table is narrow, never names or actions', () => {
    const cols = [
      { key: 'name', width: 'minmax(180px, 2fr)' },
      { key: 'created', width: '90px', dropOrder: 1 },
      { key: 'cpu', width: '64px', dropOrder: 3 },
      { key: 'memory', width: '80px', dropOrder: 2 },
      { key: 'actions', width: '130px' },
    ];
    const keys = (w: number) => fitColumns(cols, w).map((c) => c.key);
    expect(keys(2000)).toEqual(['name', 'created', 'cpu', 'memory', 'actions']);
    expect(keys(520)).toEqual(['name', 'cpu', 'memory', 'actions']);
    expect(keys(450)).toEqual(['name', 'cpu', 'actions']);
    expect(keys(100)).toEqual(['name', 'actions']);
  });

  it('counts images once however many tags they have', () => {
    const image = (id: string, tags: string[], dangling = false) => ({ id, repoTags: tags, dangling }) as ImageSummary;
    const counts = imageCounts([image('a', ['x:1', 'x:latest']), image('b', ['y:1']), image('c', [], true)]);
    expect(counts).toEqual({ images: 3, tags: 3, dangling: 1 });
    expect(imageSummary(counts)).toBe('3 images · 3 tags · 1 dangling');
    expect(imageSummary({ images: 1, tags: 1, dangling: 0 })).toBe('1 image · 1 tag');
  });
});

describe('what programs answered, remembered while their files stay the same', () => {
  it('answers from memory, in this run and the next, until the program changes or is forgotten', async () => {
    const program = join(dir, 'tool');
    writeFileSync(program, '#!/bin/sh\necho 1.0\n');
    const file = join(dir, 'programs.json');
    let runs = 0;
    const ask = (memory: ProgramMemory) =>
      memory.run('test', program, ['version'], async () => {
        runs++;
        return { out: `v${runs}` };
      });
    const first = new ProgramMemory(file);
    expect(await ask(first)).toEqual({ out: 'v1' });
    expect(await ask(first)).toEqual({ out: 'v1' });
    // Another asker keeps its own answer for the same program.
    expect(await first.run('other', program, ['version'], async () => 'other')).toBe('other');
    first.flush();
    const next = new ProgramMemory(file);
    expect(await ask(next)).toEqual({ out: 'v1' });
    expect(runs).toBe(1);
    // A new binary (here: a new modification time) is asked again.
    utimesSync(program, new Date(), new Date(Date.now() + 5000));
    expect(await ask(next)).toEqual({ out: 'v2' });
    next.forget();
    expect(await ask(next)).toEqual({ out: 'v3' });
  });

  it('does not remember what it was told not to keep, nor programs that are not there', async () => {
    const program = join(dir, 'slow');
    writeFileSync(program, '');
    const memory = new ProgramMemory();
    let runs = 0;
    const ask = () =>
      memory.run(
        'test',
        program,
        [],
        async () => ({ timedOut: ++runs < 2 }),
        (a) => !a.timedOut,
      );
    expect(await ask()).toEqual({ timedOut: true });
    expect(await ask()).toEqual({ timedOut: false });
    expect(await ask()).toEqual({ timedOut: false });
    expect(runs).toBe(2);
    let missing = 0;
    await memory.run('test', join(dir, 'nope'), [], async () => ++missing);
    await memory.run('test', join(dir, 'nope'), [], async () => ++missing);
    expect(missing).toBe(2);
  });
});
