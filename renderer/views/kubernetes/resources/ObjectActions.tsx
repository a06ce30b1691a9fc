/**
 * The actions menu of one object in the resource browser: the shared menu (../actions/ObjectActions.tsx:
 * RBAC-aware, with its dialogs), offering only the actions the object's kind description lists.
 */
import type { KubeKindInfo } from '../../../../contract/kubeObjects';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import type { ObjectState } from '../../../../contract/kinds/model';
import { ObjectActions as ActionsMenu } from '../actions/ObjectActions';

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
  return (
    <span
      className="row-actions object-actions"
      data-testid="object-actions"
      data-actions={kind.actions.join(' ')}
      onKeyDown={(e) => e.stopPropagation()}
    >
      <ActionsMenu object={object} state={state} only={kind.actions} label={place === 'row' ? '⋯' : 'Actions'} />
    </span>
  );
}
