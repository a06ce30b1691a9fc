/** Every count and duration of `npm run bench`, overridable from the environment. */
const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return n;
};

const list = (name: string, fallback: number[]): number[] => {
  const raw = process.env[name];
  if (!raw) return fallback;
  return raw.split(',').map((s) => {
    const n = Number(s.trim());
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a comma list of counts, got "${raw}"`);
    return n;
  });
};

export interface BenchConfig {
  /** Container counts the list latency is measured at (BERTH_BENCH_LIST_COUNTS, e.g. "0,200,1000"). */
  listCounts: number[];
  /** Timed repetitions per list method and count (each method interleaved with the others). */
  listReps: number;
  /** Containers started for the event-to-screen measurement through the Engine API, and through the CLI. */
  eventStarts: number;
  eventCliStarts: number;
  /** Row counts of the big-table measurement (containers and image tags each), e.g. "2000,10000". */
  bigRows: number[];
  /** Which big tables to measure (BERTH_BENCH_BIG_VIEWS="containers,images"). */
  bigViews: Set<string>;
  /** Filter keystrokes timed in each big table. */
  keystrokes: number;
  /** Tags removed in the burst of image events (18). */
  burstTags: number;
  /**
   * Running containers during the idle window, and its length in seconds: /proc counts CPU in 10 ms ticks,
   * and an idle bridge spends ~2 ms a second, so 60 s is ~15 ticks and one tick more or less is 7 %.
   */
  idleRunning: number;
  idleSeconds: number;
  /** Parallel Engine API requests while creating and removing load. */
  parallel: number;
  /** Lines the logs measurement prints (when the logs stream exists). */
  logLines: number;
  /** Running containers and window length (s) of the stats measurement (9). */
  statsRunning: number;
  statsSeconds: number;
  /** Pods of the many-pods measurement (8), and of its heap-watch phase. */
  kubePods: number;
  kubeWatchPods: number;
  /** Alternating runs of the compose comparison (when compose up exists). */
  composeRuns: number;
  /** Fresh starts of the bridge per view for the views measurement (12). */
  viewReps: number;
  /** The load of item 14 and the base of the churn (15): issue 16's numbers unless scaled down. */
  load: { containers: number; images: number; volumes: number; stacks: number; pods: number };
  /** The churn (15): minutes, seconds between samples, engine operations per second, pods scaled up and down. */
  churnMinutes: number;
  churnSampleSeconds: number;
  churnRate: number;
  churnPods: number;
  /** Item 17 (`scale`): pods on 50 kwok nodes, pods deleted per churn tick (every 5 s), changes timed for
   * event → screen, and minutes the scale-up may take before the item goes on with the count reached. */
  scale: { pods: number; churn: number; changes: number; minutes: number };
  /** Writes a V8 CPU profile of the bridge process to test/bench/results/ (BERTH_BENCH_CPU_PROF=1). */
  cpuProfile: boolean;
  /** Only these measurements (BERTH_BENCH_ONLY="list,event,tables,logs,logsview,compose,idle,stats,kube,pods,views,burst,load,churn"). */
  only: Set<string> | undefined;
}

export function loadConfig(): BenchConfig {
  const only = process.env.BERTH_BENCH_ONLY;
  return {
    listCounts: list('BERTH_BENCH_LIST_COUNTS', [0, 200, 1000]),
    listReps: num('BERTH_BENCH_LIST_REPS', 15),
    eventStarts: num('BERTH_BENCH_EVENT_N', 50),
    eventCliStarts: num('BERTH_BENCH_EVENT_CLI_N', 20),
    bigRows: list('BERTH_BENCH_BIG_ROWS', [2000, 10000]),
    bigViews: new Set((process.env.BERTH_BENCH_BIG_VIEWS || 'containers,images').split(',').map((s) => s.trim())),
    keystrokes: num('BERTH_BENCH_KEYSTROKES', 40),
    burstTags: num('BERTH_BENCH_BURST_TAGS', 3000),
    idleRunning: num('BERTH_BENCH_IDLE_RUNNING', 100),
    idleSeconds: num('BERTH_BENCH_IDLE_S', 180),
    parallel: Math.max(1, num('BERTH_BENCH_PARALLEL', 8)),
    logLines: num('BERTH_BENCH_LOG_LINES', 1_000_000),
    statsRunning: num('BERTH_BENCH_STATS_RUNNING', 50),
    statsSeconds: Math.max(1, num('BERTH_BENCH_STATS_S', 20)),
    kubePods: num('BERTH_BENCH_KUBE_PODS', 2000),
    kubeWatchPods: num('BERTH_BENCH_KUBE_WATCH_PODS', 500),
    composeRuns: num('BERTH_BENCH_COMPOSE_RUNS', 5),
    viewReps: Math.max(1, num('BERTH_BENCH_VIEW_REPS', 3)),
    load: {
      containers: num('BERTH_BENCH_LOAD_CONTAINERS', 5000),
      images: num('BERTH_BENCH_LOAD_IMAGES', 2000),
      volumes: num('BERTH_BENCH_LOAD_VOLUMES', 200),
      stacks: num('BERTH_BENCH_LOAD_STACKS', 100),
      pods: num('BERTH_BENCH_LOAD_PODS', 10_000),
    },
    churnMinutes: Math.max(1, num('BERTH_BENCH_CHURN_MIN', 30)),
    churnSampleSeconds: Math.max(1, num('BERTH_BENCH_CHURN_SAMPLE_S', 10)),
    churnRate: Math.max(0.1, num('BERTH_BENCH_CHURN_RATE', 1)),
    churnPods: num('BERTH_BENCH_CHURN_PODS', 100),
    scale: {
      pods: num('BERTH_BENCH_SCALE_PODS', 10_000),
      churn: num('BERTH_BENCH_SCALE_CHURN', 100),
      changes: Math.max(1, num('BERTH_BENCH_SCALE_CHANGES', 30)),
      minutes: Math.max(1, num('BERTH_BENCH_SCALE_MIN', 25)),
    },
    cpuProfile: process.env.BERTH_BENCH_CPU_PROF === '1',
    only: only ? new Set(only.split(',').map((s) => s.trim())) : undefined,
  };
}

/**
 * BERTH_BENCH_RUN names a run's own load (label `berth.bench.<run>`, names `berth-bench-<run>-…`), so two
 * benches on one engine (two worktrees) neither see nor clean up each other's containers and tags.
 */
const RUN = process.env.BERTH_BENCH_RUN?.replace(/[^a-z0-9-]/g, '') ?? '';
export const BENCH_LABEL = RUN ? `berth.bench.${RUN}` : 'berth.bench';
export const BENCH_PREFIX = RUN ? `berth-bench-${RUN}` : 'berth-bench';
export const BENCH_IMAGE_REPO = `${BENCH_PREFIX}/tag`;
export const FIXTURE_BUSYBOX = 'berth-fixture/busybox:latest';
