/**
 * Berth's engine mappers on real responses recorded from Engine 20.10 and Engine 29 (containerd image store)
 * by test/engines/record-responses.sh: the summaries satisfy the contract, and a container's image id names
 * an image of the list on both stores (the renderer joins the two lists on it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { ContainerSummary } from '../../../../../contract/containers';
import { ImageSummary } from '../../../../../contract/images';
import { toContainerSummary } from '../../../../../main/engine/containers/containerList';
import { toImageSummary } from '../../../../../main/engine/images/imageList';

const recorded = <T>(engine: string, name: string): T =>
  JSON.parse(
    readFileSync(join(__dirname, '../../../../fixtures/engine-responses', engine, `${name}.json`), 'utf8'),
  ) as T;

describe.each(['v20.10', 'v29'])('recorded responses of Engine %s', (engine) => {
  const images = recorded<Docker.ImageInfo[]>(engine, 'images').map(toImageSummary);
  const containers = recorded<Docker.ContainerInfo[]>(engine, 'containers').map(toContainerSummary);

  it('map to summaries the contract accepts', () => {
    for (const i of images) expect(ImageSummary.parse(i)).toEqual(i);
    for (const c of containers) expect(ContainerSummary.parse(c)).toEqual(c);
    expect(images.find((i) => i.repoTags.includes('berth-rec/multistage:latest'))?.repoTags).toContain(
      'berth-rec/tagged:latest',
    );
    expect(containers.map((c) => [c.name, c.state]).sort()).toEqual([
      ['berth-rec-ran', 'exited'],
      ['berth-rec-running', 'running'],
    ]);
  });

  it("give each container an image id that is an image's id", () => {
    const ids = new Set(images.map((i) => i.id));
    for (const c of containers) expect(ids).toContain(c.imageId);
  });
});
