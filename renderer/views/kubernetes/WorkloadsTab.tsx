/** Deployments, replica sets, pods, services and events of the namespace, all live. */
import { useState } from 'react';
import { DataTable, type Column, type DataTableProps } from '../../components/DataTable';
import type { KubeDeployment, KubeEvent, KubePod, KubeReplicaSet, KubeService } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';
import { useKube } from '../../stores/kubeStore';
import { PodDetail } from './PodDetail';
import { phaseClass } from './podLayout';

const SUBTABS = ['Deployments', 'Replica sets', 'Pods', 'Services', 'Events'] as const;
type Sub = (typeof SUBTABS)[number];

const age = (iso: string | undefined) => {
  if (!iso) return '';
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  return s < 120
    ? `${Math.round(s)}s`
    : s < 7200
      ? `${Math.round(s / 60)}m`
      : s < 172800
        ? `${Math.round(s / 3600)}h`
        : `${Math.round(s / 86400)}d`;
};
const nameCol = <T extends { name: string; namespace: string }>(): Column<T> => ({
  key: 'name',
  header: 'Name',
  width: '2fr',
  render: (r) => (
    <span className="mono" title={r.namespace}>
      {r.name}
    </span>
  ),
  sortValue: (r) => `${r.namespace}/${r.name}`,
});
const nsCol = <T extends { namespace: string }>(): Column<T> => ({
  key: 'ns',
  header: 'Namespace',
  width: '1fr',
  render: (r) => r.namespace,
  sortValue: (r) => r.namespace,
});
const ageCol = <T extends { createdAt?: string }>(): Column<T> => ({
  key: 'age',
  header: 'Age',
  width: '70px',
  render: (r) => age(r.createdAt),
  sortValue: (r) => r.createdAt ?? '',
});

const deploymentCols: Column<KubeDeployment>[] = [
  nameCol(),
  nsCol(),
  { key: 'ready', header: 'Ready', width: '80px', render: (d) => `${d.ready}/${d.replicas}` },
  { key: 'updated', header: 'Up to date', width: '90px', render: (d) => d.updated },
  { key: 'available', header: 'Available', width: '90px', render: (d) => d.available },
  {
    key: 'images',
    header: 'Images',
    width: '2fr',
    render: (d) => <span className="mono ellipsis">{d.images.join(', ')}</span>,
  },
  ageCol(),
];
const replicaSetCols: Column<KubeReplicaSet>[] = [
  nameCol(),
  nsCol(),
  { key: 'owner', header: 'Deployment', width: '1fr', render: (r) => r.owner ?? '—' },
  { key: 'ready', header: 'Ready', width: '80px', render: (r) => `${r.ready}/${r.replicas}` },
  { key: 'revision', header: 'Revision', width: '80px', render: (r) => r.revision ?? '' },
  ageCol(),
];
const podCols: Column<KubePod>[] = [
  nameCol(),
  nsCol(),
  {
    key: 'status',
    header: 'Status',
    width: '1.2fr',
    render: (p) => (
      <span>
        <span className={`pod-chip static ${phaseClass(p.display)}`} aria-hidden /> {p.reason ?? p.display}
      </span>
    ),
    sortValue: (p) => p.display,
  },
  { key: 'ready', header: 'Ready', width: '70px', render: (p) => p.ready },
  { key: 'restarts', header: 'Restarts', width: '80px', render: (p) => p.restarts, sortValue: (p) => p.restarts },
  { key: 'node', header: 'Node', width: '1fr', render: (p) => p.node ?? '—', sortValue: (p) => p.node ?? '' },
  { key: 'ip', header: 'IP', width: '110px', render: (p) => p.ip ?? '' },
  ageCol(),
];
const serviceCols: Column<KubeService>[] = [
  nameCol(),
  nsCol(),
  { key: 'type', header: 'Type', width: '100px', render: (s) => s.type },
  { key: 'ip', header: 'Cluster IP', width: '120px', render: (s) => s.clusterIP ?? '' },
  { key: 'ports', header: 'Ports', width: '1.5fr', render: (s) => s.ports.join(', ') },
  ageCol(),
];
const eventCols: Column<KubeEvent>[] = [
  {
    key: 'type',
    header: 'Type',
    width: '80px',
    render: (e) => <span className={e.type === 'Warning' ? 'bad-text' : ''}>{e.type}</span>,
  },
  { key: 'reason', header: 'Reason', width: '1fr', render: (e) => e.reason },
  {
    key: 'object',
    header: 'Object',
    width: '1.5fr',
    render: (e) => <span className="mono">{`${e.object.kind}/${e.object.name}`}</span>,
  },
  { key: 'message', header: 'Message', width: '3fr', render: (e) => <span className="ellipsis">{e.message}</span> },
  { key: 'count', header: 'Count', width: '60px', render: (e) => e.count },
  {
    key: 'last',
    header: 'Last seen',
    width: '90px',
    render: (e) => age(e.lastSeen),
    sortValue: (e) => e.lastSeen ?? '',
  },
];

/** A live list as a table, rows keyed by object id. */
function ListTable<T extends { id: string }>({
  list,
  ...props
}: { list: { items: Map<string, T> } } & Omit<DataTableProps<T>, 'rows' | 'rowKey'>) {
  return <DataTable {...props} rows={[...list.items.values()]} rowKey={(r) => r.id} />;
}

function Table({
  sub,
  context,
  namespace,
  onOpenPod,
}: {
  sub: Sub;
  context: string;
  namespace: string;
  onOpenPod(id: string): void;
}) {
  const deployments = useKubeList('deployments', context, namespace);
  const replicaSets = useKubeList('replicaSets', context, namespace);
  const pods = useKubeList('pods', context, namespace);
  const services = useKubeList('services', context, namespace);
  const events = useKubeList('events', context, namespace);
  switch (sub) {
    case 'Deployments':
      return (
        <ListTable testId="kube-deployments" list={deployments} columns={deploymentCols} empty="No deployments." />
      );
    case 'Replica sets':
      return (
        <ListTable testId="kube-replicasets" list={replicaSets} columns={replicaSetCols} empty="No replica sets." />
      );
    case 'Pods':
      return (
        <ListTable testId="kube-pods" list={pods} columns={podCols} onOpen={(p) => onOpenPod(p.id)} empty="No pods." />
      );
    case 'Services':
      return <ListTable testId="kube-services" list={services} columns={serviceCols} empty="No services." />;
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
      </div>
      <Table sub={sub} context={context} namespace={namespace} onOpenPod={setPod} />
    </div>
  );
}
