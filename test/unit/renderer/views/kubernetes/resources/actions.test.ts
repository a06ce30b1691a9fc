/** An action shows for a kind when the kind lists its id and a component is registered under it. */
import { afterEach, describe, expect, it } from 'vitest';
import { actionsFor, KUBE_ACTIONS } from '../../../../../../renderer/views/kubernetes/resources/actions';
import { kindInfo } from '../../../../../../contract/kinds/rows';
import { deployments } from '../../../../../../contract/kinds/workloads';
import { configMaps } from '../../../../../../contract/kinds/config';

afterEach(() => {
  delete KUBE_ACTIONS.scale;
  delete KUBE_ACTIONS.delete;
});

describe('actions registry', () => {
  it('gives the registered actions a kind lists, in its order', () => {
    const Scale = () => null;
    const Delete = () => null;
    KUBE_ACTIONS.scale = Scale;
    KUBE_ACTIONS.delete = Delete;
    expect(actionsFor(kindInfo(deployments))).toEqual([
      ['scale', Scale],
      ['delete', Delete],
    ]);
    expect(actionsFor(kindInfo(configMaps))).toEqual([['delete', Delete]]);
  });

  it('gives nothing for ids without a component', () => {
    expect(actionsFor(kindInfo(deployments))).toEqual([]);
  });
});
