/** The API server's field paths found in the YAML the user edited. */
import { describe, expect, it } from 'vitest';
import { fieldLine, fieldSegments } from '../../../../../main/kube/edit/fieldLine';

const yaml = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: -1
  template:
    spec:
      containers:
        - name: side
          image: busybox
        - name: web
          image: ""
          ports:
            - containerPort: 99999
`;

describe('field path to line', () => {
  it('splits names, indexes and bracketed keys', () => {
    expect(fieldSegments('spec.template.spec.containers[1].ports[0].containerPort')).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      1,
      'ports',
      0,
      'containerPort',
    ]);
    expect(fieldSegments('metadata.labels[app.kubernetes.io/name]')).toEqual([
      'metadata',
      'labels',
      'app.kubernetes.io/name',
    ]);
  });

  it('finds a field, a list item by index or name, and a key with dots', () => {
    expect(fieldLine(yaml, 'spec.replicas')).toBe(8);
    expect(fieldLine(yaml, 'spec.template.spec.containers[1].image')).toBe(15);
    expect(fieldLine(yaml, 'spec.template.spec.containers[1].ports[0].containerPort')).toBe(17);
    expect(fieldLine(yaml, 'spec.template.spec.containers[web].image')).toBe(15);
    expect(fieldLine(yaml, 'metadata.labels[app.kubernetes.io/name]')).toBe(6);
  });

  it('falls back to the nearest parent that is there, or nothing', () => {
    expect(fieldLine(yaml, 'spec.template.spec.nodeName')).toBe(10);
    expect(fieldLine(yaml, 'data.key')).toBeUndefined();
  });
});
