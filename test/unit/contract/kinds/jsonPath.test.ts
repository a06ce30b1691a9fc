/** The printer-column JSONPath subset against fixture objects, as the API server's table printer prints them. */
import { describe, expect, it } from 'vitest';
import { evaluateJsonPath, jsonPathCell, parseJsonPath } from '../../../../contract/kinds/jsonPath';

const obj = {
  metadata: { name: 'w', labels: { 'app.kubernetes.io/name': 'web', tier: 'front' } },
  spec: { replicas: 3, size: 'large', ports: [{ port: 80 }, { port: 443 }], on: true },
  status: {
    conditions: [
      { type: 'Ready', status: 'False', reason: 'Waiting' },
      { type: 'Synced', status: 'True' },
    ],
  },
};

describe('printer-column JSONPath', () => {
  it('reads fields, numbers and booleans', () => {
    expect(jsonPathCell(obj, '.spec.size')).toBe('large');
    expect(jsonPathCell(obj, '.spec.replicas')).toBe(3);
    expect(jsonPathCell(obj, '.spec.on')).toBe('true');
    expect(jsonPathCell(obj, '{.metadata.name}')).toBe('w');
    expect(jsonPathCell(obj, '$.metadata.name')).toBe('w');
  });

  it('reads quoted keys with dots and slashes', () => {
    expect(jsonPathCell(obj, ".metadata.labels['app.kubernetes.io/name']")).toBe('web');
    expect(jsonPathCell(obj, '.metadata.labels["tier"]')).toBe('front');
  });

  it('indexes, wildcards (joined with commas) and filters', () => {
    expect(jsonPathCell(obj, '.spec.ports[0].port')).toBe(80);
    expect(jsonPathCell(obj, '.spec.ports[-1].port')).toBe(443);
    expect(jsonPathCell(obj, '.spec.ports[*].port')).toBe('80,443');
    expect(jsonPathCell(obj, '.status.conditions[?(@.type=="Ready")].status')).toBe('False');
    expect(jsonPathCell(obj, ".status.conditions[?(@.type=='Synced')].status")).toBe('True');
    expect(jsonPathCell(obj, '.status.conditions[?(@.status!="True")].type')).toBe('Ready');
    expect(evaluateJsonPath(obj, '.status.conditions[*].type')).toEqual(['Ready', 'Synced']);
  });

  it('gives an empty cell for missing fields and unsupported paths, never an exception', () => {
    expect(jsonPathCell(obj, '.spec.missing')).toBeNull();
    expect(jsonPathCell(obj, '.spec.ports[7].port')).toBeNull();
    expect(jsonPathCell(obj, '.spec..size')).toBeNull();
    expect(() => parseJsonPath('.spec.ports[?(@.port > 80)]')).toThrow(/unsupported/);
    expect(jsonPathCell(obj, '.spec.ports[?(@.port > 80)]')).toBeNull();
  });

  it('prints objects as JSON', () => {
    expect(jsonPathCell(obj, '.spec.ports[1]')).toBe('{"port":443}');
  });
});
