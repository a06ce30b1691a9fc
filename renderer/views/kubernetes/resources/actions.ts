/**
 * The actions menu's registry: for each action id a kind description may list (contract/kinds/model.ts,
 * KUBE_ACTION_IDS), the component that offers it for one object — its button and whatever dialog it opens.
 * An action appears on every kind whose description lists its id, in the detail page's header and in the
 * table's row menu (ObjectActions.tsx); an id with no component here is simply not shown yet.
 */
import type { ComponentType } from 'react';
import type { KubeObjectRef } from '../../../../contract/kubeBase';
import type { KubeActionId, ObjectState } from '../../../../contract/kinds/model';
import type { KubeKindInfo } from '../../../../contract/kubeObjects';

export interface KubeActionProps {
  /** The object, named the way every Kubernetes call names any object. */
  object: KubeObjectRef;
  kind: KubeKindInfo;
  /** 'header' on the detail page, 'row' in a table row (where a button should stay small). */
  place: 'header' | 'row';
  /** On the detail page, whether it is paused, suspended, cordoned (to offer one of pause/resume...); {} in rows. */
  state: ObjectState;
}

export type KubeAction = ComponentType<KubeActionProps>;

/** One entry per action that exists; e.g. `editYaml: EditYamlAction, scale: ScaleAction`. */
export const KUBE_ACTIONS: Partial<Record<KubeActionId, KubeAction>> = {};

/** The actions a kind lists that have a component, in the order the kind lists them. */
export const actionsFor = (kind: KubeKindInfo): Array<[KubeActionId, KubeAction]> =>
  kind.actions.flatMap((id) => {
    const action = KUBE_ACTIONS[id];
    return action ? [[id, action] as [KubeActionId, KubeAction]] : [];
  });
