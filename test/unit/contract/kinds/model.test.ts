/** Ids and the object state an actions menu reads to offer only one of pause/resume, suspend/resume, cordon/uncordon. */
import { describe, expect, it } from 'vitest';
import { apiVersionOf, kindId, objectState } from '../../../../contract/kinds/model';

describe('model', () => {
  it('names kinds by group/version/resource and apiVersion', () => {
    expect(kindId({ group: '', version: 'v1', resource: 'pods' })).toBe('core/v1/pods');
    expect(kindId({ group: 'apps', version: 'v1', resource: 'deployments' })).toBe('apps/v1/deployments');
    expect(apiVersionOf({ group: '', version: 'v1' })).toBe('v1');
    expect(apiVersionOf({ group: 'batch', version: 'v1' })).toBe('batch/v1');
  });

  it('reads paused, suspended and cordoned from the fields those actions flip', () => {
    expect(objectState({ spec: { paused: true } })).toEqual({ paused: true, suspended: false, unschedulable: false });
    expect(objectState({ spec: { suspend: true } }).suspended).toBe(true);
    expect(objectState({ spec: { unschedulable: true } }).unschedulable).toBe(true);
    expect(objectState({})).toEqual({ paused: false, suspended: false, unschedulable: false });
  });
});
