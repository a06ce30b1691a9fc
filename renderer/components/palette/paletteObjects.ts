/**
 * The objects the command palette can jump to: the names of the common kinds of the current context, in
 * all namespaces, through the resource model's own list stream (kube.objects). Followed only while the
 * palette is open — opening it lists them, later changes keep the list current, closing drops it all.
 * A kind the user may not list (or that fails) is left out; the others still show.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { KubeKindInfo, KubeObjectRow } from '../../../contract/kubeObjects';

/** The kinds the palette searches, by `group/version/resource` id; the cluster's kinds decide which exist. */
export const PALETTE_KINDS = [
  'core/v1/pods',
  'apps/v1/deployments',
  'apps/v1/statefulsets',
  'apps/v1/daemonsets',
  'batch/v1/jobs',
  'batch/v1/cronjobs',
  'core/v1/services',
  'networking.k8s.io/v1/ingresses',
  'core/v1/configmaps',
  'core/v1/secrets',
  'core/v1/persistentvolumeclaims',
  'core/v1/nodes',
  'core/v1/namespaces',
] as const;

export interface ObjectEntry {
  kindId: string;
  /** The kind's name, as Kubernetes spells it (`Deployment`). */
  kind: string;
  namespace?: string;
  name: string;
}

/** Follows the names of `kinds` (those in PALETTE_KINDS) while `active`; returns them, kind by kind. */
export function usePaletteObjects(context: string | undefined, kinds: readonly KubeKindInfo[], active: boolean) {
  const [entries, setEntries] = useState<readonly ObjectEntry[]>([]);
  useEffect(() => {
    if (!active || !context) return;
    const wanted = kinds.filter((k) => (PALETTE_KINDS as readonly string[]).includes(k.id));
    const byKind = new Map<string, Map<string, ObjectEntry>>();
    let pending: ReturnType<typeof setTimeout> | undefined;
    // Many kinds answer at once: one render for a burst of events.
    const publish = () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        const order = (id: string) => (PALETTE_KINDS as readonly string[]).indexOf(id);
        const kindIds = [...byKind.keys()].sort((a, b) => order(a) - order(b));
        setEntries(kindIds.flatMap((id) => [...(byKind.get(id)?.values() ?? [])]));
      }, 30);
    };
    const entry = (kind: KubeKindInfo, r: KubeObjectRow): ObjectEntry => ({
      kindId: kind.id,
      kind: kind.kind,
      namespace: r.namespace,
      name: r.name,
    });
    const subscriptions = wanted.map((kind) =>
      api.kube.objects.subscribe(
        { context, group: kind.group, version: kind.version, resource: kind.resource, namespace: '' },
        {
          onEvent(event) {
            let names = byKind.get(kind.id);
            if (event.type === 'snapshot' || !names) {
              names = new Map();
              byKind.set(kind.id, names);
            }
            if (event.type === 'remove') for (const id of event.ids) names.delete(id);
            else for (const r of event.items) names.set(r.id, entry(kind, r));
            publish();
          },
        },
      ),
    );
    return () => {
      clearTimeout(pending);
      for (const s of subscriptions) s.unsubscribe();
      setEntries([]);
    };
  }, [context, kinds, active]);
  return entries;
}
