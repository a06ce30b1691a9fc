/**
 * Custom detail components: what a kind's detail page shows beyond the generic one (summary, relations,
 * labels, events), by kind id. Optional: a kind without an entry gets the generic page only. Pods open the
 * pod page Berth already has (containers, logs, shell, port-forward).
 */
import { useState, type ComponentType } from 'react';
import type { KubeObjectDetail } from '../../../../contract/kubeObjects';
import { PodDetail } from '../PodDetail';

export interface KindDetailProps {
  context: string;
  detail: KubeObjectDetail;
}

function PodPage({ context, detail }: KindDetailProps) {
  const [open, setOpen] = useState(false);
  const id = `${detail.row.namespace ?? ''}/${detail.row.name}`;
  if (open) return <PodDetail context={context} id={id} onBack={() => setOpen(false)} />;
  return (
    <button className="small" onClick={() => setOpen(true)}>
      Containers, logs, shell and port-forward…
    </button>
  );
}

export const KIND_DETAILS: Readonly<Record<string, ComponentType<KindDetailProps>>> = {
  'core/v1/pods': PodPage,
};
