/**
 * The load of the `load` and `churn` items (issue 16): thousands of containers (created, not started),
 * image tags of the busybox fixture, volumes and compose stacks, all with a label and names of their own
 * (`berth.bench-load`, `berth-load-*`, `berth-load/tag:*`) so that the other bench items' clean-up and
 * other users of the shared engine never touch them, nor they theirs. Compose stacks are containers
 * created directly with compose's project labels (two services each): Berth finds stacks by those labels
 * alone, so running `docker-compose up` a hundred times would only add time.
 */
import { FIXTURE_BUSYBOX } from './config';
import { engine, engineJson, inBatches } from './engine';

export const LOAD_LABEL = 'berth.bench-load';
export const LOAD_PREFIX = 'berth-load';
export const LOAD_IMAGE_REPO = 'berth-load/tag';

export interface LoadCounts {
  containers: number;
  images: number;
  volumes: number;
  stacks: number;
}

/**
 * Set by the `load` item when `churn` runs next in the same bench: the load it made is left in place for
 * the soak instead of being removed and made again (creating 5,000 containers takes ~20 min here).
 */
export const keptLoad = { engine: false, kube: false };

const pad = (i: number) => String(i).padStart(5, '0');
const labelFilter = (key: string) => encodeURIComponent(JSON.stringify({ label: [key] }));

const spec = (labels: Record<string, string>) => ({
  Image: FIXTURE_BUSYBOX,
  Cmd: ['sleep', '3600'],
  Labels: { [LOAD_LABEL]: '1', ...labels },
  StopTimeout: 1,
});

/** Compose's own labels for one container of a stack (what `docker-compose up` writes). */
const composeLabels = (project: string, service: string): Record<string, string> => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  'com.docker.compose.container-number': '1',
  'com.docker.compose.oneoff': 'False',
  'com.docker.compose.project.working_dir': `/tmp/${project}`,
  'com.docker.compose.project.config_files': `/tmp/${project}/compose.yaml`,
});

/** Creates one container (not started); `group` names it `berth-load-<group>-NNNNN`. */
export async function createLoadContainer(
  group: string,
  i: number,
  labels: Record<string, string> = {},
): Promise<string> {
  const name = `${LOAD_PREFIX}-${group}-${pad(i)}`;
  const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${name}`, spec(labels));
  return Id;
}

/** Creates the whole load; the stacks' containers (two each) count in `containers`. */
export async function createLoad(counts: LoadCounts, parallel: number, log: (m: string) => void): Promise<void> {
  const stackContainers = Math.min(counts.containers, counts.stacks * 2);
  const t0 = Date.now();
  const stackJobs = Array.from({ length: stackContainers }, (_, i) => i);
  await inBatches(stackJobs, parallel, async (i) => {
    const project = `${LOAD_PREFIX}-s${pad(Math.floor(i / 2))}`;
    await createLoadContainer('stack', i, composeLabels(project, i % 2 ? 'db' : 'web'));
  });
  const plain = Array.from({ length: counts.containers - stackContainers }, (_, i) => i);
  await inBatches(plain, parallel, async (i) => void (await createLoadContainer('c', i)));
  log(`load: ${counts.containers} containers (${counts.stacks} stacks) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const t1 = Date.now();
  await inBatches(
    Array.from({ length: counts.images }, (_, i) => i),
    parallel,
    (i) => tagImage(i),
  );
  await inBatches(
    Array.from({ length: counts.volumes }, (_, i) => i),
    parallel,
    async (i) => {
      await engineJson('POST', '/volumes/create', { Name: `${LOAD_PREFIX}-v${pad(i)}`, Labels: { [LOAD_LABEL]: '1' } });
    },
  );
  log(`load: ${counts.images} tags, ${counts.volumes} volumes in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
}

export async function tagImage(i: number): Promise<void> {
  await engineJson('POST', `/images/${encodeURIComponent(FIXTURE_BUSYBOX)}/tag?repo=${LOAD_IMAGE_REPO}&tag=t${pad(i)}`);
}

export async function untagImage(i: number): Promise<void> {
  await engine('DELETE', `/images/${encodeURIComponent(`${LOAD_IMAGE_REPO}:t${pad(i)}`)}`);
}

/** Removes everything labelled or tagged as this load, from this run or a crashed one. */
export async function cleanLoad(parallel: number): Promise<{ containers: number; tags: number; volumes: number }> {
  const containers = await engineJson<Array<{ Id: string }>>(
    'GET',
    `/containers/json?all=1&filters=${labelFilter(LOAD_LABEL)}`,
  );
  await inBatches(containers, parallel, async (c) => void (await engine('DELETE', `/containers/${c.Id}?force=1&v=1`)));
  const refFilter = encodeURIComponent(JSON.stringify({ reference: [`${LOAD_IMAGE_REPO}:*`] }));
  const images = await engineJson<Array<{ RepoTags: string[] | null }>>('GET', `/images/json?filters=${refFilter}`);
  const tags = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith(`${LOAD_IMAGE_REPO}:`)));
  await inBatches(tags, parallel, async (t) => void (await engine('DELETE', `/images/${encodeURIComponent(t)}`)));
  const { Volumes } = await engineJson<{ Volumes: Array<{ Name: string }> | null }>(
    'GET',
    `/volumes?filters=${labelFilter(LOAD_LABEL)}`,
  );
  const volumes = Volumes ?? [];
  await inBatches(volumes, parallel, async (v) => void (await engine('DELETE', `/volumes/${v.Name}?force=1`)));
  return { containers: containers.length, tags: tags.length, volumes: volumes.length };
}
