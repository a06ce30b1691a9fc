/** Rows and the Secret redaction: no secret value survives in what main sends with an object. */
import { describe, expect, it } from 'vitest';
import { toRow, withoutSecretValues, kindInfo } from '../../../../contract/kinds/rows';
import { secrets, configMaps } from '../../../../contract/kinds/config';
import { nodes } from '../../../../contract/kinds/cluster';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 's',
    namespace: 'ns',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}',
      note: 'kept',
    },
  },
  type: 'Opaque',
  data: { password: 'aHVudGVyMg==', user: 'YWRtaW4=' },
};

describe('rows', () => {
  it('a Secret row names its keys, never its values', () => {
    const row = toRow(secrets, secret);
    expect(row.cells).toEqual(['Opaque', 'password,user']);
    expect(JSON.stringify(row)).not.toContain('aHVudGVyMg');
  });

  it('a Secret object loses its values and the last-applied annotation; other kinds are untouched', () => {
    const shown = withoutSecretValues(secrets, secret);
    expect(shown.data).toEqual({ password: '', user: '' });
    expect(shown.metadata?.annotations).toEqual({ note: 'kept' });
    expect(JSON.stringify(shown)).not.toMatch(/aHVudGVyMg|YWRtaW4/);
    const cm = { metadata: { name: 'c' }, data: { a: 'b' } };
    expect(withoutSecretValues(configMaps, cm)).toBe(cm);
  });

  it('a cordoned Ready node and a NotReady one', () => {
    const node = (ready: string, unschedulable = false) => ({
      metadata: { name: 'n' },
      spec: { unschedulable },
      status: { conditions: [{ type: 'Ready', status: ready, reason: 'KubeletNotReady' }] },
    });
    expect(toRow(nodes, node('True', true)).status).toMatchObject({ health: 'none', text: 'Ready,SchedulingDisabled' });
    expect(toRow(nodes, node('Unknown')).status).toEqual({
      health: 'failing',
      text: 'NotReady',
      reason: 'KubeletNotReady',
    });
  });

  it("a row carries the object's labels (none: an empty set)", () => {
    expect(toRow(configMaps, { metadata: { name: 'c', namespace: 'n', labels: { app: 'web' } } }).labels).toEqual({
      app: 'web',
    });
    expect(toRow(configMaps, { metadata: { name: 'c', namespace: 'n' } }).labels).toEqual({});
  });

  it('a column that throws gives an empty cell; kind info lists columns and actions', () => {
    const k = {
      ...configMaps,
      columns: [
        {
          name: 'Bad',
          value: () => {
            throw new Error('x');
          },
        },
      ],
    };
    expect(toRow(k, { metadata: { name: 'c' } }).cells).toEqual([null]);
    expect(kindInfo(secrets)).toMatchObject({
      id: 'core/v1/secrets',
      secretValues: true,
      hasStatus: false,
      actions: ['editYaml', 'delete'],
    });
  });
});
