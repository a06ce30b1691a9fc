/** API paths from a kind's group/version/resource: the core group under /api, every other under /apis. */
import { describe, expect, it } from 'vitest';
import { resourcePath } from '../../../../../main/kube/objects/objectRequest';

describe('resourcePath', () => {
  it('builds core, grouped, namespaced and cluster-scoped paths', () => {
    const pods = { group: '', version: 'v1', resource: 'pods' };
    expect(resourcePath(pods)).toBe('/api/v1/pods');
    expect(resourcePath(pods, 'ns')).toBe('/api/v1/namespaces/ns/pods');
    expect(resourcePath(pods, 'ns', 'web-1')).toBe('/api/v1/namespaces/ns/pods/web-1');
    const crds = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
    expect(resourcePath(crds, undefined, 'widgets.example.dev')).toBe(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.dev',
    );
    expect(resourcePath({ group: 'apps', version: 'v1', resource: 'deployments' }, 'a b')).toBe(
      '/apis/apps/v1/namespaces/a%20b/deployments',
    );
  });
});
