/**
 * 11. Port-forward throughput, opt-in (BERTH_BENCH_KIND=1, needs the kind node image from
 * test/kind-node/build.sh): a kind cluster of its own, a busybox pod serving a 100 MB file with httpd; the
 * file is downloaded through Berth's forward (`kube.portForward` in the bridge process, a fresh connection
 * per run) and through `kubectl port-forward`, alternating; MB/s medians. The cluster is deleted at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKindCluster, kindNodeImage, type KindCluster } from '../helpers/kindNode';
import type { BenchContext } from './context';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';

const SECTION = '11 forward';
const MB = Number(process.env.BERTH_BENCH_FORWARD_MB ?? 100);
const RUNS = Number(process.env.BERTH_BENCH_FORWARD_RUNS ?? 5);
const NS = 'berth-bench-forward';

const manifest = `apiVersion: v1
kind: Pod
metadata: { name: blob, namespace: ${NS} }
spec:
  containers:
    - name: web
      image: berth-fixture/busybox:latest
      imagePullPolicy: IfNotPresent
      command: [sh, -c, 'mkdir -p /www && head -c ${MB}m /dev/urandom > /www/blob && touch /www/ready && exec httpd -f -p 8080 -h /www']
      readinessProbe: { exec: { command: [test, -f, /www/ready] }, periodSeconds: 1 }
`;

/** Downloads `url` over a new connection; resolves with the milliseconds it took and the bytes. */
function download(url: string): Promise<{ ms: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const start = now();
    http
      .get(url, { agent: false }, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => (bytes += d.length));
        res.on('end', () => resolve({ ms: now() - start, bytes }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** `kubectl port-forward pod/blob :8080`, resolved with its local port once it listens. */
function kubectlForward(cluster: KindCluster): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn('kubectl', [
    '--kubeconfig',
    cluster.kubeconfig,
    '--context',
    cluster.context,
    '-n',
    NS,
    'port-forward',
    '--address',
    '127.0.0.1',
    'pod/blob',
    ':8080',
  ]);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), child });
    });
    child.on('exit', (code) => reject(new Error(`kubectl port-forward exited ${code}: ${out}`)));
  });
}

export async function measureKubeForward(ctx: BenchContext): Promise<ResultRow[]> {
  const what = `${MB} MB through a port-forward to a pod`;
  if (process.env.BERTH_BENCH_KIND !== '1') {
    return [
      notMeasured(SECTION, what, 'opt-in: BERTH_BENCH_KIND=1 with the kind node image (test/kind-node/build.sh)'),
    ];
  }
  const image = await kindNodeImage();
  const cluster = await createKindCluster({ image, prefix: 'berth-bench-fwd' });
  try {
    await cluster.loadImages('berth-fixture/busybox:latest');
    await cluster.kubectl('create', 'namespace', NS);
    for (let i = 0; i < 60 && !(await cluster.kubectl('-n', NS, 'get', 'sa', 'default').catch(() => '')); i++)
      await new Promise((r) => setTimeout(r, 1000));
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-fwd-'));
    writeFileSync(join(dir, 'pod.yaml'), manifest);
    await cluster.kubectl('apply', '-f', join(dir, 'pod.yaml'));
    rmSync(dir, { recursive: true, force: true });
    await cluster.kubectl('-n', NS, 'wait', '--for=condition=Ready', 'pod/blob', '--timeout=300s');

    const forward = await ctx.ws.api.kube.portForward({
      context: cluster.context,
      kubeconfig: cluster.kubeconfig,
      namespace: NS,
      kind: 'pod',
      name: 'blob',
      port: 8080,
    });
    const baseline = await kubectlForward(cluster);
    const berthMBs: number[] = [];
    const kubectlMBs: number[] = [];
    try {
      // One warm-up each, then alternate.
      await download(`${forward.url}blob`);
      await download(`http://127.0.0.1:${baseline.port}/blob`);
      for (let i = 0; i < RUNS; i++) {
        const b = await download(`${forward.url}blob`);
        const k = await download(`http://127.0.0.1:${baseline.port}/blob`);
        if (b.bytes !== MB * 1024 * 1024 || k.bytes !== MB * 1024 * 1024)
          throw new Error(`short download: Berth ${b.bytes} B, kubectl ${k.bytes} B`);
        berthMBs.push(MB / (b.ms / 1000));
        kubectlMBs.push(MB / (k.ms / 1000));
        ctx.log(
          `forward run ${i + 1}: Berth ${berthMBs.at(-1)?.toFixed(1)} MB/s, kubectl ${kubectlMBs.at(-1)?.toFixed(1)} MB/s`,
        );
      }
    } finally {
      baseline.child.kill();
      await ctx.ws.api.kube.stopPortForward({ id: forward.id }).catch(() => undefined);
    }
    return [
      row({
        section: SECTION,
        measurement: what,
        unit: 'MB/s',
        berth: median(berthMBs),
        baseline: median(kubectlMBs),
        baselineLabel: 'kubectl port-forward',
        goal: '≥ 0.9× kubectl',
        check: (_b, _base, ratio) => ratio !== null && ratio >= 0.9,
        samples: RUNS,
      }),
    ];
  } finally {
    await cluster.kubectl('delete', 'namespace', NS, '--wait=false').catch(() => '');
    await cluster.delete();
  }
}
