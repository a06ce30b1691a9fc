/** The actions menu of one object: every action its kind lists that exists (see actions.ts). */
import type { KubeKindInfo } from '../../../../contract/kubeObjects';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import type { ObjectState } from '../../../../contract/kinds/model';
import { actionsFor } from './actions';

export function ObjectActions({
  object,
  kind,
  place,
  state = {},
}: {
  object: KubeObjectRef;
  kind: KubeKindInfo;
  place: 'header' | 'row';
  state?: ObjectState;
}) {
  const actions = actionsFor(kind);
  return (
    <span
      className="row-actions object-actions"
      data-testid="object-actions"
      data-actions={kind.actions.join(' ')}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {actions.map(([id, Action]) => (
        <Action key={id} object={object} kind={kind} place={place} state={state} />
      ))}
    </span>
  );
}
