/** Creates and removes the bench's load on the real engine: labelled containers and throwaway image tags. */
import { BENCH_IMAGE_REPO, BENCH_LABEL, BENCH_PREFIX, FIXTURE_BUSYBOX } from './config';
import { engine, engineJson, inBatches } from './engine';

interface ContainerRow {
  Id: string;
  Names: string[];
  State: string;
}
interface ImageRow {
  Id: string;
  RepoTags: string[] | null;
}

const labelFilter = (extra?: string) =>
  encodeURIComponent(JSON.stringify({ label: [extra ? `${BENCH_LABEL}=${extra}` : BENCH_LABEL] }));

export async function benchContainers(group?: string): Promise<ContainerRow[]> {
  return engineJson<ContainerRow[]>('GET', `/containers/json?all=1&filters=${labelFilter(group)}`);
}

/** Creates (and optionally starts) `count` busybox containers named `${BENCH_PREFIX}-${group}-NNNNN`. */
export async function createContainers(
  group: string,
  count: number,
  parallel: number,
  options: { start?: boolean; from?: number } = {},
): Promise<string[]> {
  const from = options.from ?? 0;
  const names = Array.from(
    { length: count },
    (_, i) => `${BENCH_PREFIX}-${group}-${String(from + i).padStart(5, '0')}`,
  );
  const ids: string[] = [];
  await inBatches(names, parallel, async (name) => {
    const { Id } = await engineJson<{ Id: string }>('POST', `/containers/create?name=${name}`, containerSpec(group));
    if (options.start) await engineJson('POST', `/containers/${Id}/start`);
    ids.push(Id);
  });
  return ids;
}

/** The body of POST /containers/create for one bench container. */
export const containerSpec = (group: string) => ({
  Image: FIXTURE_BUSYBOX,
  Cmd: ['sleep', '3600'],
  Labels: { [BENCH_LABEL]: group },
  HostConfig: { AutoRemove: false },
  StopTimeout: 1,
});

/** Removes bench containers (all of them, or one group), forcefully. */
export async function removeContainers(parallel: number, group?: string): Promise<number> {
  const rows = await benchContainers(group);
  await inBatches(rows, parallel, async (c) => {
    await engine('DELETE', `/containers/${c.Id}?force=1&v=1`);
  });
  return rows.length;
}

/** Adds `count` tags of the busybox fixture (numbered from `from`): one image, `count` more rows in the Images view. */
export async function tagImages(count: number, parallel: number, from = 0): Promise<void> {
  const tags = Array.from({ length: count }, (_, i) => `t${String(from + i).padStart(5, '0')}`);
  await inBatches(tags, parallel, async (tag) => {
    await engineJson('POST', `/images/${encodeURIComponent(FIXTURE_BUSYBOX)}/tag?repo=${BENCH_IMAGE_REPO}&tag=${tag}`);
  });
}

/** Removes every bench tag (untag only: the fixture image keeps its own tag). */
export async function removeTags(parallel: number): Promise<number> {
  const filter = encodeURIComponent(JSON.stringify({ reference: [`${BENCH_IMAGE_REPO}:*`] }));
  const images = await engineJson<ImageRow[]>('GET', `/images/json?filters=${filter}`);
  const tags = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t.startsWith(`${BENCH_IMAGE_REPO}:`)));
  await inBatches(tags, parallel, async (tag) => {
    await engine('DELETE', `/images/${encodeURIComponent(tag)}`);
  });
  return tags.length;
}

/** Removes the networks compose created for bench stacks. */
export async function removeNetworks(): Promise<number> {
  const filter = encodeURIComponent(JSON.stringify({ name: [BENCH_PREFIX] }));
  const nets = await engineJson<Array<{ Id: string; Name: string }>>('GET', `/networks?filters=${filter}`);
  const ours = nets.filter((n) => n.Name.startsWith(BENCH_PREFIX));
  for (const n of ours) await engine('DELETE', `/networks/${n.Id}`);
  return ours.length;
}

/** Removes everything the bench may have left behind, from this run or a crashed one. */
export async function cleanAll(parallel: number): Promise<{ containers: number; tags: number; networks: number }> {
  const containers = await removeContainers(parallel);
  const tags = await removeTags(parallel);
  const networks = await removeNetworks();
  return { containers, tags, networks };
}
