import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../contract/images';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import {
  docker,
  eventually,
  FIXTURE_BUSYBOX,
  removeContainers,
  removeFolders,
  removeImages,
  tempFolder,
  uniqueName,
} from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { mirror } from '../helpers/collection';

let t: TestBackend;
const images: string[] = [];
const containers: string[] = [];
const dirs: string[] = [];

/** Builds a small image of its own (a unique label makes its id unique); returns its id. */
async function buildOwnImage(label: string, tag?: string): Promise<string> {
  const dir = tempFolder(
    'berth-img-',
    { Dockerfile: `FROM ${FIXTURE_BUSYBOX}\nLABEL berth.test=${label}\nRUN echo ${label} > /id\n` },
    dirs,
  );
  const id = await docker('build', '-q', ...(tag ? ['-t', tag] : []), dir);
  images.push(id);
  return id;
}

beforeAll(async () => {
  t = startTestBackend();
  await eventually('engine connected', () => t.backend.services.engine.connected);
});
afterAll(async () => {
  t.close();
  await removeContainers(...containers);
  await removeImages(...images);
  removeFolders(dirs);
});

describe('remove', () => {
  it('refuses to remove an image a container uses, naming the container; nothing is removed', async () => {
    const tag = `${uniqueName('inuse')}:v1`;
    const id = await buildOwnImage(uniqueName('inuse'), tag);
    const name = uniqueName('user');
    containers.push(name);
    await docker('create', '--name', name, tag, 'true');
    for (const ref of [tag, id]) {
      const err = await apiError(t.api.images.remove({ ref }));
      expect(err.code).toBe('conflict');
      expect(err.message).toContain(name);
      expect(err.details).toMatchObject({ containers: [{ name }] });
    }
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', tag)).toBe(id);
    const detail = await t.api.images.inspect({ id });
    expect(detail.usedBy.map((c) => c.name)).toEqual([name]);
    await removeContainers(name);
    expect(await t.api.images.remove({ ref: tag })).toMatchObject({ untagged: [tag] });
    await expect(docker('image', 'inspect', id)).rejects.toThrow();
  });

  it('untags one of several tags without touching the image, and forces only when asked', async () => {
    const a = `${uniqueName('tags')}:a`;
    const b = `${uniqueName('tags')}:b`;
    const id = await buildOwnImage(uniqueName('tags'), a);
    await t.api.images.tag({ source: a, target: b });
    images.push(b);
    expect((await apiError(t.api.images.remove({ ref: id }))).message).toMatch(/2 tags/);
    expect(await t.api.images.remove({ ref: b })).toEqual({ untagged: [b], deleted: [] });
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', a)).toBe(id);
    const removed = await t.api.images.remove({ ref: id, force: true });
    expect(removed.deleted).toContain(id);
  });

  it('says so when there is no such image', async () => {
    expect((await apiError(t.api.images.remove({ ref: 'berth-test-no-such-image:nope' }))).code).toBe('not_found');
  });
});

describe('inspect', () => {
  it('returns config and layer history with created-by commands', async () => {
    const detail = await t.api.images.inspect({ id: FIXTURE_BUSYBOX });
    expect(detail.repoTags).toContain(FIXTURE_BUSYBOX);
    expect(detail.history.length).toBeGreaterThan(0);
    expect(detail.history.some((h) => h.size > 0)).toBe(true);
    expect(detail.config.cmd.length + detail.config.entrypoint.length).toBeGreaterThan(0);
  });
});

describe('prune', () => {
  it('previews a dangling image with the space it frees, then prunes it', async () => {
    const label = uniqueName('dangling');
    const id = await buildOwnImage(label); // built without a tag: dangling
    const filter = [`berth.test=${label}`];
    const preview = await t.api.images.prunePreview({ mode: 'dangling', labels: filter });
    expect(preview.images.map((i) => i.id)).toEqual([id]);
    expect(preview.spaceReclaimed).toBeGreaterThan(0);
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', id)).toBe(id); // a preview removes nothing
    // Live: the dangling image is in the list, marked.
    const listed = (await t.api.images.list()).find((i: ImageSummary) => i.id === id);
    expect(listed?.dangling).toBe(true);
    const result = await t.api.images.prune({ mode: 'dangling', labels: filter });
    expect(result.deleted).toContain(id);
    await expect(docker('image', 'inspect', id)).rejects.toThrow();
  });

  it('leaves images that containers use out of an unused-images preview', async () => {
    const label = uniqueName('unused');
    const tag = `${label}:v1`;
    const id = await buildOwnImage(label, tag);
    const filter = [`berth.test=${label}`];
    expect((await t.api.images.prunePreview({ mode: 'unused', labels: filter })).images.map((i) => i.id)).toEqual([id]);
    expect((await t.api.images.prunePreview({ mode: 'dangling', labels: filter })).images).toEqual([]);
    const name = uniqueName('keeper');
    containers.push(name);
    await docker('create', '--name', name, tag, 'true');
    expect((await t.api.images.prunePreview({ mode: 'unused', labels: filter })).images).toEqual([]);
  });
});

describe('the Images list counts the containers using each image, live', () => {
  it('follows a container created and removed, without a new snapshot', async () => {
    const label = uniqueName('counted');
    const id = await buildOwnImage(label, `${label}:v1`);
    const list = mirror<ImageSummary>((i) => i.id);
    const sub = t.api.images.watch.subscribe(undefined, { onEvent: list.onEvent });
    await eventually('counted at 0', () => list.items.get(id)?.containers === 0);
    const names = [uniqueName('user'), uniqueName('user')];
    containers.push(...names);
    for (const name of names) await docker('create', '--name', name, `${label}:v1`, 'true');
    await eventually('counted at 2', () => list.items.get(id)?.containers === 2);
    await removeContainers(names[0]!);
    await eventually('counted at 1', () => list.items.get(id)?.containers === 1);
    expect(list.snapshots()).toBe(1);
    sub.unsubscribe();
  });
});

describe('a burst of image events (a script tagging and removing), the Images list watched', () => {
  it('ends with exactly the tags the engine has, after 150 tags added and removed 8 at a time', async () => {
    const list = mirror<ImageSummary>((i) => i.id);
    const sub = t.api.images.watch.subscribe(undefined, { onEvent: list.onEvent });
    await eventually('snapshot', () => list.snapshots() === 1);
    const repo = uniqueName('burst');
    const tags = Array.from({ length: 150 }, (_, i) => `${repo}:t${i}`);
    images.push(...tags);
    const shown = () => [...list.items.values()].flatMap((i) => i.repoTags.filter((tag) => tag.startsWith(`${repo}:`)));
    const inBatches = async (run: (tag: string) => Promise<unknown>) => {
      for (let i = 0; i < tags.length; i += 8) await Promise.all(tags.slice(i, i + 8).map(run));
    };
    await inBatches((tag) => t.backend.services.engine.docker.getImage(FIXTURE_BUSYBOX).tag(parse(tag)));
    await eventually('every tag listed', () => shown().length === tags.length, 20_000);
    await inBatches((tag) => t.backend.services.engine.docker.getImage(tag).remove());
    await eventually('no tag left', () => shown().length === 0, 20_000);
    expect(await docker('images', '-q', repo)).toBe('');
    expect(list.snapshots()).toBe(1); // re-lists came as changes, not as new snapshots
    sub.unsubscribe();
  }, 90_000);
});

const parse = (ref: string) => {
  const at = ref.lastIndexOf(':');
  return { repo: ref.slice(0, at), tag: ref.slice(at + 1) };
};
