/**
 * The kinds one cluster serves: Berth's built-in descriptions plus one per CustomResourceDefinition, read
 * from the cluster when asked for (the kind picker opening, or a resource Berth does not know yet).
 */
import { BUILTIN_KINDS, KindRegistry, kindFromCrd, type KindDescription, type KubeObj } from '../../../contract/kinds';
import type { KindRef } from '../../../contract/kubeObjects';
import { ApiError } from '../../../contract/errors';
import type { KubeClients } from '../clients';
import { getJson } from './objectRequest';

export interface ClusterKinds {
  registry: KindRegistry;
  /** The kinds that come from CRDs. */
  custom: Set<KindDescription>;
}

const CRDS = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';

export class ClusterKindCache {
  private readonly entries = new Map<string, ClusterKinds>();

  /** Reads the CRDs again and returns every kind. */
  async refresh(c: KubeClients, key: string): Promise<ClusterKinds> {
    let crds: KubeObj[] = [];
    try {
      crds = (await getJson<{ items: KubeObj[] }>(c, CRDS)).items;
    } catch (e) {
      // A user who may not list CRDs still gets every built-in kind.
      if (!(e instanceof ApiError) || (e.code !== 'not_found' && e.code !== 'failed')) throw e;
    }
    const custom = new Set(crds.map(kindFromCrd).filter((k): k is KindDescription => !!k));
    const kinds = { registry: new KindRegistry([...BUILTIN_KINDS, ...custom]), custom };
    this.entries.set(key, kinds);
    return kinds;
  }

  async get(c: KubeClients, key: string): Promise<ClusterKinds> {
    return this.entries.get(key) ?? this.refresh(c, key);
  }

  /** The description of a kind; CRDs are read again once when it is not known yet. */
  async describe(c: KubeClients, key: string, ref: KindRef): Promise<{ kind: KindDescription; custom: boolean }> {
    let kinds = await this.get(c, key);
    let kind = kinds.registry.byResource(ref);
    if (!kind) {
      kinds = await this.refresh(c, key);
      kind = kinds.registry.byResource(ref);
    }
    if (!kind) {
      const name = `${ref.resource}${ref.group ? `.${ref.group}` : ''}/${ref.version}`;
      throw new ApiError(
        'not_found',
        `The cluster of "${c.context}" serves no resource ${name}.`,
        'Pick a kind from the list; a custom resource needs its CustomResourceDefinition installed.',
      );
    }
    return { kind, custom: kinds.custom.has(kind) };
  }
}
