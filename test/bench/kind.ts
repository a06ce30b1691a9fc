/**
 * 10. Real kind clusters (opt-in: BERTH_BENCH_KIND=1; the node image comes from test/kind-node/build.sh):
 * `kind create cluster` through Berth (a task, over the bridge) vs the kind CLI with the same config and
 * flags, alternating; then, on a real two-node cluster, scale 0→20 until Running in Berth's pod stream vs
 * a plain client scale + watch.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchContext } from './context';
import { measureScale } from './kube';
import { notMeasured, row, type ResultRow } from './result';
import { median, now } from './stats';
import { kindNodeImage } from '../helpers/kindNode';
import { KIND_BIN } from '../helpers/kubeCluster';
import { KIND_WAIT } from '../../main/kube/kind/kindTasks';

const SECTION = '10 kind';
const RUNS = Number(process.env.BERTH_BENCH_KIND_RUNS ?? 2);
const exec = promisify(execFile);

/** The kubeconfig kind writes to: the bridge's BERTH_KUBECONFIG (run.ts sets it), as Berth does. */
export const kindBenchKubeconfig = (): string => process.env.BERTH_KUBECONFIG ?? join(homedir(), '.kube', 'config');

const kindCli = async (args: string[], input?: string): Promise<void> => {
  const env = { ...process.env, KUBECONFIG: kindBenchKubeconfig() };
  const child = exec(KIND_BIN, args, { env, maxBuffer: 64 << 20 });
  if (input !== undefined) child.child.stdin?.end(input);
  await child;
};
const deleteCluster = (name: string) => kindCli(['delete', 'cluster', '--name', name]).catch(() => undefined);

async function createThroughBerth(ctx: BenchContext, name: string, image: string, workers: number): Promise<number> {
  const t0 = now();
  const { taskId } = await ctx.ws.api.kube.kindCreate({ name, image, workers });
  const task = await ctx.ws.api.tasks.wait({ id: taskId });
  if (task.state !== 'succeeded') throw new Error(`Berth's kind create ${task.state}: ${task.error?.message ?? ''}`);
  return now() - t0;
}

export async function measureKind(ctx: BenchContext): Promise<ResultRow[]> {
  const create = 'kind create cluster (1 node, --wait), until the task ends';
  const scale = 'scale 0→20 on real kind nodes';
  if (process.env.BERTH_BENCH_KIND !== '1') {
    const why = 'opt-in: BERTH_BENCH_KIND=1 (builds or reuses the node image of test/kind-node/build.sh)';
    return [notMeasured(SECTION, create, why), notMeasured(SECTION, scale, why)];
  }
  const image = await kindNodeImage();
  const rows: ResultRow[] = [];
  const berth: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const name = `berth-bench-kind-${i}`;
    ctx.log(`${SECTION}: create run ${i + 1}/${RUNS}`);
    const { yaml } = await ctx.ws.api.kube.kindConfig({ name, image });
    await deleteCluster(name);
    const t0 = now();
    await kindCli(['create', 'cluster', '--config', '-', '--name', name, '--wait', KIND_WAIT], yaml);
    cli.push(now() - t0);
    await deleteCluster(name);
    berth.push(await createThroughBerth(ctx, name, image, 0));
    await deleteCluster(name);
  }
  rows.push(
    row({
      section: SECTION,
      measurement: create,
      berth: median(berth),
      baseline: median(cli),
      baselineLabel: 'kind create cluster, same config and flags',
      goal: '≤1.05× kind',
      check: (_b, _c, ratio) => ratio !== null && ratio <= 1.05,
      samples: berth.length,
      note: `node image ${image}; alternating runs`,
    }),
  );

  const name = 'berth-bench-kind-scale';
  await deleteCluster(name);
  try {
    await createThroughBerth(ctx, name, image, 1);
    await kindCli(['load', 'docker-image', 'berth-fixture/busybox:latest', '--name', name]);
    rows.push(
      await measureScale(ctx, {
        section: SECTION,
        target: {
          kubeconfig: kindBenchKubeconfig(),
          context: `kind-${name}`,
          namespace: 'berth-bench-kind',
          deployment: 'bench',
        },
        replicas: 20,
        runs: 3,
        goal: 1.05,
        note: 'control-plane + worker kind nodes; pods run busybox (real containers)',
      }),
    );
  } finally {
    await deleteCluster(name);
  }
  return rows;
}
