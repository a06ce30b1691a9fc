/** The pod log request kubectl logs would make, and the kubelet's answer for a log that is gone. */
import { describe, expect, it } from 'vitest';
import { goneLogContainer, podLogPath } from '../../../../../main/kube/pods/podLogs';

describe('pod log requests', () => {
  const r = {
    context: 'c',
    namespace: 'ns',
    name: 'web-1',
    follow: true,
    tailLines: 100,
    previous: false,
    timestamps: false,
  };

  it('asks for the container, follow, previous, timestamps and tail as kubectl logs does', () => {
    expect(podLogPath(r, 'web')).toBe('/api/v1/namespaces/ns/pods/web-1/log?container=web&follow=true&tailLines=100');
    expect(podLogPath({ ...r, previous: true, timestamps: true, tailLines: 'all' }, 'web')).toBe(
      '/api/v1/namespaces/ns/pods/web-1/log?container=web&previous=true&timestamps=true',
    );
  });

  it('recognises the kubelet’s answer for a log that is gone', () => {
    expect(goneLogContainer('unable to retrieve container logs for containerd://742d04b0')).toBe(
      'containerd://742d04b0',
    );
    expect(goneLogContainer('unable to retrieve container logs for x\nmore')).toBeUndefined();
    expect(goneLogContainer('hello')).toBeUndefined();
  });
});
