/** The columns of the workloads tables: deployments, replica sets, pods (with actions) and events. */
import type { ReactNode } from 'react';
import type { Column } from '../../components/DataTable';
import type { KubeDeployment, KubeEvent, KubePod, KubeReplicaSet } from '../../../contract/kube';
import { phaseClass } from './podLayout';

export const age = (iso: string | undefined) => {
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
export const nameCol = <T extends { name: string; namespace: string }>(): Column<T> => ({
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
export const nsCol = <T extends { namespace: string }>(): Column<T> => ({
  key: 'ns',
  header: 'Namespace',
  width: '1fr',
  render: (r) => r.namespace,
  sortValue: (r) => r.namespace,
});
export const ageCol = <T extends { createdAt?: string }>(): Column<T> => ({
  key: 'age',
  header: 'Age',
  width: '70px',
  render: (r) => age(r.createdAt),
  sortValue: (r) => r.createdAt ?? '',
});

export const deploymentCols = (actions: (d: KubeDeployment) => ReactNode): Column<KubeDeployment>[] => [
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
  { key: 'actions', header: '', width: '170px', render: actions },
];
export const replicaSetCols: Column<KubeReplicaSet>[] = [
  nameCol(),
  nsCol(),
  { key: 'owner', header: 'Deployment', width: '1fr', render: (r) => r.owner ?? '—' },
  { key: 'ready', header: 'Ready', width: '80px', render: (r) => `${r.ready}/${r.replicas}` },
  { key: 'revision', header: 'Revision', width: '80px', render: (r) => r.revision ?? '' },
  ageCol(),
];
export const podCols = (actions: (p: KubePod) => ReactNode): Column<KubePod>[] => [
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
  { key: 'actions', header: '', width: '150px', render: actions },
];
export const eventCols: Column<KubeEvent>[] = [
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
