import { describe, expect, it } from 'vitest';
import {
  imageOrigin,
  platformImages,
  type ImageIdentity,
  type ManifestSummary,
} from '../../../../../main/engine/images/imageManifests';
import { recorded } from '../../../../helpers/recorded';

type Listed = { RepoTags: string[]; Manifests?: ManifestSummary[] };
const manifestsOf = (tag: string) =>
  recorded<Listed[]>('v29', 'images-manifests').find((i) => i.RepoTags.includes(tag))?.Manifests;

describe('the containerd store view of an image (recorded Engine 29)', () => {
  it('a multi-platform build: one entry per platform, attestations counted not listed', () => {
    const p = platformImages(manifestsOf('berth-rec/multiarch:latest'));
    expect(p?.platforms.map((x) => x.platform)).toEqual(['linux/amd64', 'linux/arm64']);
    expect(p?.attestations).toBe(2);
    expect(p?.platforms[0]).toMatchObject({ available: true, contentSize: 1026, unpackedSize: 8192, containers: 0 });
  });

  it('a container counts for the platform it runs', () => {
    const p = platformImages(manifestsOf('berth-rec/multistage:latest'));
    expect(p?.platforms).toEqual([expect.objectContaining({ platform: 'linux/amd64', containers: 1 })]);
    expect(p?.attestations).toBe(1);
  });

  it('where it came from: built here, or pulled; nothing on the classic store', () => {
    const identity = (engine: 'v20.10' | 'v29', name: string) =>
      recorded<{ Identity?: ImageIdentity }>(engine, name).Identity;
    expect(imageOrigin(identity('v29', 'image-multistage'))).toEqual({ built: true, pulledFrom: [] });
    expect(imageOrigin(identity('v29', 'image-busybox'))?.pulledFrom).toContain('docker.io/berth-fixture/busybox');
    expect(imageOrigin(identity('v20.10', 'image-multistage'))).toBeUndefined();
    expect(platformImages(undefined)).toBeUndefined();
  });
});
