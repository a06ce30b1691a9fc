/** Nodes: role, status, version, capacity and allocatable, conditions, and a kind node's container. */
import { DataTable, type Column } from '../../components/DataTable';
import type { KubeNode } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';

const problems = (n: KubeNode) =>
  n.conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True')).map((c) => c.type);

const columns: Column<KubeNode>[] = [
  {
    key: 'name',
    header: 'Name',
    width: '2fr',
    render: (n) => <span className="mono">{n.name}</span>,
    sortValue: (n) => n.name,
  },
  { key: 'roles', header: 'Roles', width: '1fr', render: (n) => n.roles.join(', ') || '—' },
  {
    key: 'status',
    header: 'Status',
    width: '1fr',
    render: (n) => (
      <span className={n.status === 'Ready' ? 'ok-text' : 'bad-text'}>
        {n.status}
        {n.unschedulable ? ', cordoned' : ''}
      </span>
    ),
    sortValue: (n) => n.status,
  },
  { key: 'version', header: 'Version', width: '1fr', render: (n) => n.version },
  { key: 'cpu', header: 'CPU (alloc / cap)', width: '1fr', render: (n) => `${n.allocatable.cpu} / ${n.capacity.cpu}` },
  {
    key: 'memory',
    header: 'Memory (alloc / cap)',
    width: '1.3fr',
    render: (n) => `${n.allocatable.memory} / ${n.capacity.memory}`,
  },
  { key: 'pods', header: 'Pods', width: '0.7fr', render: (n) => `${n.allocatable.pods} / ${n.capacity.pods}` },
  {
    key: 'conditions',
    header: 'Conditions',
    width: '1.3fr',
    render: (n) => {
      const p = problems(n);
      return p.length ? <span className="bad-text">{p.join(', ')}</span> : <span className="muted">healthy</span>;
    },
  },
  {
    key: 'container',
    header: 'Container',
    width: '1.3fr',
    render: (n) => <span className="mono">{n.container ?? '—'}</span>,
  },
];

export function NodesTab({ context }: { context: string }) {
  const { items, error } = useKubeList('nodes', context);
  return (
    <>
      {error && <p className="bad-text">{error.message}</p>}
      <DataTable<KubeNode>
        testId="nodes-table"
        rows={[...items.values()]}
        columns={columns}
        rowKey={(n) => n.name}
        empty="No nodes."
        initialSort={{ key: 'name', desc: false }}
      />
    </>
  );
}
