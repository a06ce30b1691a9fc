import { describe, expect, it } from 'vitest';
import { imageChanged, toImageSummary, type ImageInfo } from '../../../../../main/engine/images/imageList';
import { toListedContainer } from '../../../../../main/engine/containers/containerList';
import type { DockerEvent } from '../../../../../main/engine/connection';
import type { ImageSummary } from '../../../../../contract/images';
import type Docker from 'dockerode';
import { RECORDED, recorded } from '../../../../helpers/recorded';

const images = (engine: (typeof RECORDED)[number], name = 'images') =>
  recorded<ImageInfo[]>(engine, name).map(toImageSummary);
const byTag = (list: ImageSummary[], tag: string) => list.find((i) => i.repoTags.includes(tag));

describe('image list on both engines (recorded /images/json)', () => {
  it.each(RECORDED)('%s: the same fields for the same images, ids that containers point at', (engine) => {
    const list = images(engine);
    for (const tag of ['berth-fixture/busybox:latest', 'berth-fixture/redis:latest', 'berth-rec/multistage:latest']) {
      const image = byTag(list, tag);
      expect(image, tag).toBeDefined();
      expect(image?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(image?.size).toBeGreaterThan(0);
      expect(image?.dangling).toBe(false);
    }
    // Both tags of one image are one entry.
    expect(byTag(list, 'berth-rec/tagged:latest')).toBe(byTag(list, 'berth-rec/multistage:latest'));
    const ids = new Set(list.map((i) => i.id));
    const containers = recorded<Docker.ContainerInfo[]>(engine, 'containers').map(toListedContainer);
    expect(containers.length).toBe(2);
    for (const c of containers) expect(ids.has(c.imageId), c.name).toBe(true);
  });

  it('20.10 (classic store): no platforms or size split, and no repo digest for a never-pushed build', () => {
    const multistage = byTag(images('v20.10'), 'berth-rec/multistage:latest');
    expect(multistage?.platforms).toBeUndefined();
    expect(multistage?.contentSize).toBeUndefined();
    expect(multistage?.repoDigests).toEqual([]);
  });

  it('29 (containerd store): the id is the index digest, and a never-pushed build has a repo digest anyway', () => {
    const raw = recorded<Array<ImageInfo & { Descriptor: { digest: string } }>>('v29', 'images');
    const multistage = raw.find((i) => i.RepoTags?.includes('berth-rec/multistage:latest'));
    expect(multistage?.Id).toBe(multistage?.Descriptor.digest);
    expect(toImageSummary(multistage as ImageInfo).repoDigests).toEqual([`berth-rec/tagged@${multistage?.Id}`]);
  });

  it('29 with manifests=1: platforms without the attestations, size = content + unpacked', () => {
    const list = images('v29', 'images-manifests');
    const multiarch = byTag(list, 'berth-rec/multiarch:latest');
    expect(multiarch?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    const multistage = byTag(list, 'berth-rec/multistage:latest');
    expect(multistage?.platforms).toEqual(['linux/amd64']);
    for (const image of [multiarch, multistage, byTag(list, 'berth-fixture/busybox:latest')]) {
      expect(image?.contentSize).toBeGreaterThan(0);
      expect(image?.unpackedSize).toBeGreaterThan(0);
      expect((image?.contentSize ?? 0) + (image?.unpackedSize ?? 0)).toBe(image?.size);
    }
  });
});

describe('image events on both engines (recorded /events)', () => {
  it.each(RECORDED)('%s: every image event re-lists the images; other events do not', (engine) => {
    const events = recorded<DockerEvent[]>(engine, 'events');
    const imageEvents = events.filter((e) => e.Type === 'image');
    expect(imageEvents.length).toBeGreaterThan(0);
    for (const e of imageEvents) expect(imageChanged(e)).toBe(true);
    for (const e of events.filter((x) => x.Type !== 'image')) expect(imageChanged(e)).toBe(false);
  });
});
