/** The rebase after a conflict: my edit re-applied on their version, field by field, clashes named. */
import { describe, expect, it } from 'vitest';
import { threeWayMerge, userPart, type Json } from '../../../../../main/kube/edit/threeWayMerge';

const deployment = (replicas: number, image: string, extra: Record<string, Json> = {}): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', resourceVersion: '10', labels: { app: 'web' } },
  spec: {
    replicas,
    template: {
      spec: {
        containers: [
          { name: 'web', image },
          { name: 'side', image: 'busybox' },
        ],
      },
    },
    ...extra,
  },
  status: { replicas },
});

describe('three-way merge (rebase)', () => {
  it('keeps their change and mine when they touch different fields', () => {
    const base = deployment(1, 'nginx:1');
    const mine = deployment(1, 'nginx:2');
    const theirs = {
      ...(deployment(3, 'nginx:1') as object),
      metadata: { name: 'web', resourceVersion: '11', labels: { app: 'web' } },
    };
    const { merged, clashes } = threeWayMerge(base, mine, theirs);
    expect(clashes).toEqual([]);
    expect(merged).toMatchObject({
      metadata: { resourceVersion: '11' },
      spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:2' }, { name: 'side' }] } } },
      status: { replicas: 3 },
    });
  });

  it('names a field both changed differently, by container name', () => {
    const { clashes } = threeWayMerge(deployment(1, 'nginx:1'), deployment(2, 'nginx:2'), deployment(3, 'nginx:3'));
    expect(clashes).toEqual(['spec.replicas', 'spec.template.spec.containers[web].image']);
  });

  it('takes a removal on one side when the other left the field alone, and merges items added on both sides', () => {
    const base = { a: 1, b: 2, list: [{ name: 'x' }] };
    const mine = { a: 1, list: [{ name: 'x' }, { name: 'mine' }] };
    const theirs = { a: 5, b: 2, list: [{ name: 'x' }, { name: 'theirs' }] };
    expect(threeWayMerge(base, mine, theirs)).toEqual({
      merged: { a: 5, list: [{ name: 'x' }, { name: 'theirs' }, { name: 'mine' }], metadata: {} },
      clashes: [],
    });
  });

  it('treats a list without names as one value', () => {
    const { clashes } = threeWayMerge({ args: ['a'] }, { args: ['b'] }, { args: ['c'] });
    expect(clashes).toEqual(['args']);
    expect(threeWayMerge({ args: ['a'] }, { args: ['b'] }, { args: ['a'] }).merged).toMatchObject({ args: ['b'] });
  });

  it('never reports a clash on server-owned fields (resourceVersion, status)', () => {
    const base = { metadata: { name: 'x', resourceVersion: '1' }, status: { a: 1 } };
    const mine = { metadata: { name: 'x', resourceVersion: '0' }, status: { a: 9 } };
    const theirs = { metadata: { name: 'x', resourceVersion: '2' }, status: { a: 2 } };
    expect(threeWayMerge(base, mine, theirs)).toEqual({
      merged: { metadata: { name: 'x', resourceVersion: '2' }, status: { a: 2 } },
      clashes: [],
    });
  });
});

describe('what a user edits', () => {
  it('leaves out status and the server’s metadata, so a controller’s progress report is no conflict', () => {
    const server = {
      metadata: { name: 'x', resourceVersion: '9', generation: 3, labels: { a: '1' } },
      spec: { n: 1 },
      status: { ready: 1 },
    };
    expect(userPart(server)).toEqual({ metadata: { name: 'x', labels: { a: '1' } }, spec: { n: 1 } });
    expect(userPart(null)).toBeNull();
  });
});
