import { describe, expect, it } from 'vitest';
import { LayerProgress } from '../../../../../main/engine/images/layerProgress';

describe('LayerProgress (pull)', () => {
  it('weights layers by size, moves through download and extract, and ends at 1', () => {
    const p = new LayerProgress('pull');
    expect(p.fraction).toBeNull();
    p.apply({ status: 'Pulling from berth/app', id: 'latest' });
    expect(p.message).toBe('latest: Pulling from berth/app');
    p.apply({ status: 'Pulling fs layer', id: 'a' });
    p.apply({ status: 'Pulling fs layer', id: 'b' });
    expect(p.steps.map((s) => s.id)).toEqual(['a', 'b']);
    expect(p.fraction).toBe(0);
    p.apply({ status: 'Downloading', id: 'a', progressDetail: { current: 50, total: 100 } });
    p.apply({ status: 'Downloading', id: 'b', progressDetail: { current: 0, total: 300 } });
    // a: 0.5 of the 0.8 transfer share, weighted 100 of 400 bytes
    expect(p.fraction).toBeCloseTo((100 * 0.5 * 0.8) / 400);
    const step = p.apply({ status: 'Download complete', id: 'a' });
    expect(step).toMatchObject({ id: 'a', status: 'Download complete', fraction: 0.8 });
    p.apply({ status: 'Extracting', id: 'a', progressDetail: { current: 50, total: 100 } });
    expect(p.steps[0]?.fraction).toBeCloseTo(0.9);
    p.apply({ status: 'Pull complete', id: 'a' });
    p.apply({ status: 'Downloading', id: 'b', progressDetail: { current: 300, total: 300 } });
    p.apply({ status: 'Pull complete', id: 'b' });
    expect(p.fraction).toBe(1);
    p.apply({ status: 'Digest: sha256:abc' });
    p.apply({ status: 'Status: Downloaded newer image for berth/app:latest' });
    expect(p.digest).toBe('sha256:abc');
    expect(p.message).toMatch(/Downloaded newer image/);
  });

  it('counts layers that already exist as done, and layers of unknown size at the mean', () => {
    const p = new LayerProgress('pull');
    p.apply({ status: 'Already exists', id: 'base' });
    p.apply({ status: 'Pulling fs layer', id: 'new' });
    expect(p.fraction).toBe(0.5);
    expect(p.steps[0]).toMatchObject({ status: 'Already exists', fraction: 1 });
  });

  it('never moves back when the engine names a layer late (containerd image store)', () => {
    const p = new LayerProgress('pull');
    p.apply({ status: 'Downloading', id: 'a', progressDetail: { current: 100, total: 100 } });
    const before = p.fraction ?? 0;
    expect(before).toBeGreaterThan(0);
    p.apply({ status: 'Downloading', id: 'b', progressDetail: { current: 0, total: 900 } });
    expect(p.fraction).toBe(before);
    p.apply({ status: 'Pull complete', id: 'a' });
    p.apply({ status: 'Pull complete', id: 'b' });
    expect(p.fraction).toBe(1);
  });

  it('shows bytes in a layer step while transferring', () => {
    const p = new LayerProgress('pull');
    const step = p.apply({ status: 'Downloading', id: 'a', progressDetail: { current: 1_500_000, total: 3_000_000 } });
    expect(step?.status).toBe('Downloading 1.5 MB / 3.0 MB');
  });
});

describe('LayerProgress (push)', () => {
  it('tracks uploads, mounted and existing layers, and the pushed digest', () => {
    const p = new LayerProgress('push');
    p.apply({ status: 'The push refers to repository [127.0.0.1:5000/x]' });
    p.apply({ status: 'Preparing', id: 'l1' });
    p.apply({ status: 'Preparing', id: 'l2' });
    p.apply({ status: 'Layer already exists', id: 'l2' });
    p.apply({ status: 'Pushing', id: 'l1', progressDetail: { current: 25, total: 100 } });
    expect(p.fraction).toBeCloseTo((0.25 * 100 + 100) / 200);
    p.apply({ status: 'Pushed', id: 'l1' });
    p.apply({ status: 'latest: digest: sha256:def size: 527' });
    p.apply({ aux: { Tag: 'latest', Digest: 'sha256:def', Size: 527 } });
    expect(p.fraction).toBe(1);
    expect(p.digest).toBe('sha256:def');
    expect(p.steps.every((s) => s.fraction === 1)).toBe(true);
  });
});
