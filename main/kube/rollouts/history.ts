/**
 * kubectl rollout history and undo. A Deployment goes back by copying a ReplicaSet's pod template into its
 * spec (without the pod-template-hash label); a StatefulSet or DaemonSet by applying the ControllerRevision's
 * data, which is a strategic merge patch of the template.
 */
import { ApiError } from '../../../contract/errors';
import type { RolloutRevision } from '../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';
import { ownedBy, rolloutKind } from './rolloutKinds';
import {
  revisionsOf,
  undoTarget,
  type ControllerRevisionLike,
  type ReplicaSetLike,
  type WorkloadLike,
} from './revisions';

type Child = ReplicaSetLike & ControllerRevisionLike;

async function load(c: KubeClients, ref: KubeObjectRef) {
  const kind = rolloutKind(ref);
  const workload = await kubeJson<WorkloadLike & { spec?: { paused?: boolean } }>(c, 'GET', resourcePath(ref));
  const childRef = {
    group: 'apps',
    version: 'v1',
    resource: kind === 'deployments' ? 'replicasets' : 'controllerrevisions',
    namespace: ref.namespace,
  };
  const list = await kubeJson<{ items?: Child[] }>(c, 'GET', resourcePath(childRef));
  const children = (list.items ?? []).filter(ownedBy(workload.metadata?.uid));
  return { kind, workload, children, revisions: revisionsOf(kind, workload, children) };
}

export async function rolloutHistory(c: KubeClients, ref: KubeObjectRef): Promise<RolloutRevision[]> {
  return (await load(c, ref)).revisions;
}

export async function rolloutUndo(
  c: KubeClients,
  ref: KubeObjectRef,
  toRevision: number,
): Promise<{ revision: number }> {
  const { kind, workload, children, revisions } = await load(c, ref);
  if (kind === 'deployments' && workload.spec?.paused) {
    throw new ApiError(
      'invalid_input',
      `${ref.name} is paused: a paused rollout cannot be undone.`,
      'Resume it first.',
    );
  }
  const target = undoTarget(revisions, toRevision);
  const child = children.find((x) => x.metadata?.name === target.name);
  if (kind === 'deployments') {
    const template = structuredClone(child?.spec?.template ?? {});
    if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
    await kubeJson(c, 'PATCH', resourcePath(ref), {
      body: [{ op: 'replace', path: '/spec/template', value: template }],
      contentType: 'application/json-patch+json',
      query: { fieldManager: 'berth' },
    });
  } else {
    await kubeJson(c, 'PATCH', resourcePath(ref), {
      body: child?.data ?? {},
      contentType: 'application/strategic-merge-patch+json',
      query: { fieldManager: 'berth' },
    });
  }
  return { revision: target.revision };
}
