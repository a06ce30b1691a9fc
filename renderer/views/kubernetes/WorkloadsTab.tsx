/**
 * Deployments (with Expose), replica sets, pods (with Restart and Delete), services (with Open) and
 * events of the namespace, all live.
 */
import { useMemo, useState } from 'react';
import { DataTable, type DataTableProps } from '../../components/DataTable';
import { ObjectActions } from './actions/ObjectActions';
import { CreateDialog } from './actions/CreateDialog';
import { deploymentRef } from './actions/refs';
import type { KubeDeployment, KubePod } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';
import { useKube } from '../../stores/kubeStore';
import { PodDetail } from './PodDetail';
import { ServicesTable } from './ServicesTable';
import { ExposeDialog } from './ExposeDialog';
import { deploymentCols, eventCols, podCols, replicaSetCols } from './workloadColumns';
import { deletePod, restartPod } from './podActions';

const SUBTABS = ['Deployments', 'Replica sets', 'Pods', 'Services', 'Events'] as const;
type Sub = (typeof SUBTABS)[number];

/** A live list as a table, rows keyed by object id. */
function ListTable<T extends { id: string }>({
  list,
  ...props
}: { list: { items: Map<string, T> } } & Omit<DataTableProps<T>, 'rows' | 'rowKey'>) {
  return <DataTable {...props} rows={[...list.items.values()]} rowKey={(r) => r.id} />;
}

function PodActions({ context, pod }: { context: string; pod: KubePod }) {
  return (
    <span className="row-actions" onKeyDown={(e) => e.stopPropagation()}>
      <button className="small" aria-label={`Restart ${pod.name}`} onClick={() => void restartPod(context, pod)}>
        Restart
      </button>
      <button className="small" aria-label={`Delete ${pod.name}`} onClick={() => void deletePod(context, pod)}>
        Delete
      </button>
    </span>
  );
}

function Table({
  sub,
  context,
  namespace,
  onOpenPod,
  onExpose,
}: {
  sub: Sub;
  context: string;
  namespace: string;
  onOpenPod(id: string): void;
  onExpose(d: KubeDeployment): void;
}) {
  const deployments = useKubeList('deployments', context, namespace);
  const replicaSets = useKubeList('replicaSets', context, namespace);
  const pods = useKubeList('pods', context, namespace);
  const events = useKubeList('events', context, namespace);
  const dCols = useMemo(
    () =>
      deploymentCols((d) => (
        <>
          <button className="small" aria-label={`Expose ${d.name}`} onClick={() => onExpose(d)}>
            Expose…
          </button>
          <ObjectActions object={deploymentRef(context, d)} state={{ replicas: d.replicas }} />
        </>
      )),
    [onExpose, context],
  );
  const pCols = useMemo(() => podCols((p) => <PodActions context={context} pod={p} />), [context]);
  switch (sub) {
    case 'Deployments':
      return <ListTable testId="kube-deployments" list={deployments} columns={dCols} empty="No deployments." />;
    case 'Replica sets':
      return (
        <ListTable testId="kube-replicasets" list={replicaSets} columns={replicaSetCols} empty="No replica sets." />
      );
    case 'Pods':
      return (
        <ListTable testId="kube-pods" list={pods} columns={pCols} onOpen={(p) => onOpenPod(p.id)} empty="No pods." />
      );
    case 'Services':
      return <ServicesTable context={context} namespace={namespace} />;
    case 'Events':
      return (
        <ListTable
          testId="kube-events"
          list={events}
          columns={eventCols}
          empty="No events."
          initialSort={{ key: 'last', desc: true }}
        />
      );
  }
}

export function WorkloadsTab({ context }: { context: string }) {
  const namespace = useKube((s) => s.namespace);
  const [sub, setSub] = useState<Sub>('Pods');
  const [pod, setPod] = useState<string | undefined>();
  const [expose, setExpose] = useState<KubeDeployment | undefined>();
  const [creating, setCreating] = useState(false);
  if (pod) return <PodDetail context={context} id={pod} onBack={() => setPod(undefined)} />;
  return (
    <div className="kube-workloads">
      <div className="tabs sub-tabs" role="tablist" aria-label="Workloads">
        {SUBTABS.map((s) => (
          <button
            key={s}
            role="tab"
            aria-selected={sub === s}
            className={sub === s ? 'active' : ''}
            onClick={() => setSub(s)}
          >
            {s}
          </button>
        ))}
        <span className="spacer" />
        <button
          className="small"
          disabled={!namespace}
          title={namespace ? undefined : 'Pick a namespace first.'}
          onClick={() => setCreating(true)}
        >
          Create…
        </button>
      </div>
      <Table sub={sub} context={context} namespace={namespace} onOpenPod={setPod} onExpose={setExpose} />
      <ExposeDialog context={context} deployment={expose} onClose={() => setExpose(undefined)} />
      {creating && <CreateDialog target={{ context }} namespace={namespace} onClose={() => setCreating(false)} />}
    </div>
  );
}
