/** The shared readers: tolerant field access and the condition-based status custom resources get. */
import { describe, expect, it } from 'vitest';
import { at, conditionStatus, field, replicaStatus } from '../../../../contract/kinds/fields';

describe('fields', () => {
  it('reads paths without throwing on missing parts', () => {
    expect(at({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(at({ a: null }, 'a.b')).toBeUndefined();
    expect(field('spec.x')({ spec: { x: 2 } })).toBe(2);
    expect(field('spec.y')({ spec: {} })).toBeNull();
  });

  it('conditions: Ready True healthy, Ready False failing with reason, Progressing progressing, none with a phase', () => {
    const c = (conditions: object[], phase?: string) => ({ status: { conditions, phase } });
    expect(conditionStatus(c([{ type: 'Ready', status: 'True' }]))).toEqual({ health: 'healthy', text: 'Ready' });
    expect(conditionStatus(c([{ type: 'Ready', status: 'False', reason: 'Broken', message: 'disk full' }]))).toEqual({
      health: 'failing',
      text: 'Broken',
      reason: 'Broken: disk full',
    });
    expect(conditionStatus(c([{ type: 'Progressing', status: 'True', reason: 'Rolling' }])).health).toBe('progressing');
    expect(conditionStatus(c([{ type: 'Degraded', status: 'True', reason: 'Lost' }])).health).toBe('failing');
    expect(conditionStatus(c([], 'Active'))).toEqual({ health: 'none', text: 'Active' });
  });

  it('replicas', () => {
    expect(replicaStatus({}, 0, 0)).toEqual({ health: 'healthy', text: '0/0 ready' });
    expect(replicaStatus({}, 3, 2).reason).toBe('1 of 3 not ready yet');
  });
});
