/** What the control plane wrote on an object, read from managedFields, and the object without it. */
import { describe, expect, it } from 'vitest';
import { controlPlaneMarks, withoutMarks } from '../../../../../main/kube/edit/controlPlaneMarks';
import type { KubeObject } from '../../../../../main/kube/edit/objectYaml';

const owned = (manager: string, annotations: string[], labels: string[] = []) => ({
  manager,
  operation: 'Update',
  fieldsType: 'FieldsV1',
  fieldsV1: {
    'f:metadata': {
      'f:annotations': Object.fromEntries(annotations.map((k) => [`f:${k}`, {}])),
      ...(labels.length ? { 'f:labels': Object.fromEntries(labels.map((k) => [`f:${k}`, {}])) } : {}),
    },
  },
});

const deployment: KubeObject = {
  kind: 'Deployment',
  metadata: {
    name: 'web',
    annotations: { 'deployment.kubernetes.io/revision': '2', 'team/owner': 'blue', shared: 'x' },
    labels: { app: 'web' },
    managedFields: [
      owned('kube-controller-manager', ['deployment.kubernetes.io/revision', 'shared']),
      owned('kubectl-annotate', ['team/owner', 'shared'], ['app']),
      { manager: 'kubelet', operation: 'Update', subresource: 'status', fieldsType: 'FieldsV1' },
    ],
  },
};

describe('control-plane marks', () => {
  it('names the keys only control-plane managers own', () => {
    const marks = controlPlaneMarks(deployment);
    expect([...marks.annotations]).toEqual(['deployment.kubernetes.io/revision']);
    expect([...marks.labels]).toEqual([]);
  });

  it('leaves them out of the object, keeping everyone else’s', () => {
    const out = withoutMarks(deployment, controlPlaneMarks(deployment)) as KubeObject;
    expect(out.metadata?.annotations).toEqual({ 'team/owner': 'blue', shared: 'x' });
    expect(out.metadata?.labels).toEqual({ app: 'web' });
    // The same keys on another version of the object (the one the edit started from) go too.
    const base = { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } } };
    expect(withoutMarks(base, controlPlaneMarks(deployment))).toEqual({ metadata: {} });
  });

  it('marks nothing on an object without managedFields', () => {
    const marks = controlPlaneMarks({ metadata: { annotations: { a: 'b' } } });
    expect(marks.annotations.size + marks.labels.size).toBe(0);
  });
});
