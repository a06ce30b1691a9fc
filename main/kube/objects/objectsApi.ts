/**
 * Main's side of contract/kubeObjects.ts: any kind listed and watched as rows (one shared KubeWatch per
 * cluster, kind and namespace: resumed from its resourceVersion, re-listed on 410), one object's detail,
 * one Secret value. Everything per kind comes from its description (contract/kinds/).
 */
import type { ApiImplementation } from '../../../contract/api';
import type { KubeObj } from '../../../contract/kinds';
import { kindInfo, toRow } from '../../../contract/kinds/rows';
import { ApiError } from '../../../contract/errors';
import { clientsFor, targetKey } from '../clients';
import type { KubeWatches } from '../watches';
import { ClusterKindCache } from './clusterKinds';
import { objectDetail, secretValue } from './objectDetail';
import { listAll, resourcePath } from './objectRequest';

type Kube = ApiImplementation['kube'];

export function objectsApi(watches: KubeWatches): Pick<Kube, 'kinds' | 'objects' | 'object' | 'secretValue'> {
  const kinds = new ClusterKindCache();
  return {
    kinds: async (target) => {
      const c = await clientsFor(target);
      const { registry, custom } = await kinds.refresh(c, targetKey(target));
      return registry.all.map((k) => kindInfo(k, custom.has(k)));
    },
    objects: async (input, sink, signal) => {
      const c = await clientsFor(input);
      const { kind } = await kinds.describe(c, targetKey(input), input);
      const namespace = kind.namespaced ? input.namespace : '';
      const path = resourcePath(kind, namespace || undefined);
      // The columns are part of the key: a CRD's printer columns may change while an old watch still runs.
      const what = `objects\u0000${path}\u0000${kind.columns.map((col) => col.name).join(',')}`;
      await watches.pipe(
        input,
        what,
        () => ({
          path,
          list: () => listAll<KubeObj>(c, path),
          map: (o) => toRow(kind, o as KubeObj),
          idOf: (row) => row.id,
        }),
        sink,
        signal,
      );
    },
    object: async (input) => {
      const c = await clientsFor(input);
      const key = targetKey(input);
      const { kind, custom } = await kinds.describe(c, key, input);
      if (kind.namespaced && !input.namespace)
        throw new ApiError('invalid_input', `${kind.title} are namespaced: name the namespace of "${input.name}".`);
      const { registry } = await kinds.get(c, key);
      return objectDetail(c, registry, kind, custom, input.namespace, input.name);
    },
    secretValue: async (input) => secretValue(await clientsFor(input), input.namespace, input.name, input.key),
  };
}
