/**
 * Nodes: role, status, version, what the pods on each node request against what it can allocate (as
 * `kubectl describe node` reads: requested / allocatable, with the share), what it uses when the cluster
 * has metrics-server, conditions, and a kind node's container.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api } from '../../api';
import { DataTable, type Column } from '../../components/DataTable';
import type { KubeNode, NodeMetrics } from '../../../contract/kube';
import { useKubeList } from '../../stores/kubeLists';
import { formatBinaryBytes, formatCores } from '../../common/format';
import { nodeLoads, type NodeLoad } from './nodeLoad';
import { ObjectActions } from './actions/ObjectActions';
import { nodeRef } from './actions/refs';

const problems = (n: KubeNode) =>
  n.conditions.filter((c) => (c.type === 'Ready' ? c.status !== 'True' : c.status === 'True')).map((c) => c.type);

interface NodeRow {
  node: KubeNode;
  load: NodeLoad;
  used: { cpu: number; memory: number } | undefined;
}

const share = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');

function Amount({
  part,
  whole,
  format,
  testId,
}: {
  part: number;
  whole: number;
  format(n: number): string;
  testId: string;
}) {
  return (
    <span data-testid={testId} title={whole > 0 ? `${((part / whole) * 100).toFixed(1)}% of allocatable` : undefined}>
      {format(part)} / {format(whole)}
      <span className="muted">{share(part, whole)}</span>
    </span>
  );
}

function columns(withUsage: boolean, context: string): Column<NodeRow>[] {
  const cols: Array<Column<NodeRow> | false> = [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(140px, 2fr)',
      render: (r) => <span className="mono">{r.node.name}</span>,
      sortValue: (r) => r.node.name,
    },
    { key: 'roles', header: 'Roles', width: 'minmax(60px, 1fr)', render: (r) => r.node.roles.join(', ') || '—' },
    {
      key: 'status',
      header: 'Status',
      width: 'minmax(70px, 1fr)',
      render: (r) => (
        <span className={r.node.status === 'Ready' ? 'ok-text' : 'bad-text'}>
          {r.node.status}
          {r.node.unschedulable ? ', cordoned' : ''}
        </span>
      ),
      sortValue: (r) => r.node.status,
    },
    { key: 'version', header: 'Version', width: 'minmax(70px, 1fr)', render: (r) => r.node.version },
    {
      key: 'cpu',
      header: 'CPU requested / allocatable',
      width: 'minmax(150px, 1.4fr)',
      render: (r) => (
        <Amount part={r.load.cpu} whole={r.node.allocatableAmounts.cpu} format={formatCores} testId="node-cpu" />
      ),
      sortValue: (r) => r.load.cpu,
    },
    {
      key: 'memory',
      header: 'Memory requested / allocatable',
      width: 'minmax(170px, 1.6fr)',
      render: (r) => (
        <Amount
          part={r.load.memory}
          whole={r.node.allocatableAmounts.memory}
          format={formatBinaryBytes}
          testId="node-memory"
        />
      ),
      sortValue: (r) => r.load.memory,
    },
    {
      key: 'pods',
      header: 'Pods scheduled / allowed',
      width: 'minmax(110px, 1fr)',
      render: (r) => (
        <Amount part={r.load.pods} whole={r.node.allocatableAmounts.pods} format={String} testId="node-pods" />
      ),
      sortValue: (r) => r.load.pods,
    },
    withUsage && {
      key: 'used',
      header: 'Used (CPU · memory)',
      width: 'minmax(140px, 1.3fr)',
      render: (r) =>
        r.used ? (
          <span data-testid="node-used">
            {formatCores(r.used.cpu)} · {formatBinaryBytes(r.used.memory)}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'conditions',
      header: 'Conditions',
      width: 'minmax(80px, 1fr)',
      render: (r) => {
        const p = problems(r.node);
        return p.length ? <span className="bad-text">{p.join(', ')}</span> : <span className="muted">healthy</span>;
      },
    },
    {
      key: 'container',
      header: 'Container',
      width: 'minmax(80px, 1fr)',
      render: (r) => <span className="mono">{r.node.container ?? '—'}</span>,
    },
    {
      key: 'actions',
      header: '',
      width: '90px',
      render: (r) => (
        <ObjectActions object={nodeRef(context, r.node.name)} state={{ unschedulable: r.node.unschedulable }} />
      ),
    },
  ];
  return cols.filter((c): c is Column<NodeRow> => Boolean(c));
}

/** The cluster's node metrics, asked when the tab opens and when the user asks again. */
function useNodeMetrics(context: string): { metrics: NodeMetrics | undefined; refresh(): void } {
  const [metrics, setMetrics] = useState<NodeMetrics | undefined>();
  const refresh = useCallback(() => {
    api.kube
      .nodeMetrics({ context })
      .then(setMetrics)
      .catch(() => setMetrics({ available: false, nodes: [] }));
  }, [context]);
  useEffect(refresh, [refresh]);
  return { metrics, refresh };
}

export function NodesTab({ context }: { context: string }) {
  const { items, error } = useKubeList('nodes', context);
  // Every pod of the cluster, for what each node's pods request.
  const pods = useKubeList('pods', context, '');
  const { metrics, refresh } = useNodeMetrics(context);
  const loads = useMemo(() => nodeLoads(pods.items.values()), [pods.items]);
  const usage = useMemo(() => new Map((metrics?.nodes ?? []).map((n) => [n.name, n])), [metrics]);
  const rows = useMemo(
    () =>
      [...items.values()].map((node) => ({
        node,
        load: loads.get(node.name) ?? { cpu: 0, memory: 0, pods: 0 },
        used: usage.get(node.name),
      })),
    [items, loads, usage],
  );
  const cols = useMemo(() => columns(Boolean(metrics?.available), context), [metrics?.available, context]);
  return (
    <>
      {error && <p className="bad-text">{error.message}</p>}
      <p className="muted small-print nodes-note" data-testid="nodes-note">
        Requested: what the pods scheduled on the node ask for (their resource requests), against what the node can
        allocate to pods.{' '}
        {metrics?.available ? (
          <>
            Used: from metrics-server.{' '}
            <button className="link small" onClick={refresh}>
              Refresh usage
            </button>
          </>
        ) : metrics ? (
          <span title={metrics.reason}>No usage figures: this cluster has no metrics-server.</span>
        ) : null}
      </p>
      <DataTable<NodeRow>
        testId="nodes-table"
        rows={rows}
        columns={cols}
        rowKey={(r) => r.node.name}
        empty="No nodes."
        initialSort={{ key: 'name', desc: false }}
      />
    </>
  );
}
