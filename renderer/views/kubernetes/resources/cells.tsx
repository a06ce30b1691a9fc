/** How the resource browser shows a cell, a status and a kind's table columns, from the kind's description. */
import type { ReactNode } from 'react';
import type { Column } from '../../../components/DataTable';
import type { KubeKindInfo, KubeObjectRow, ObjectStatus } from '../../../../contract/kubeObjects';
import { age } from '../workloadColumns';

export function formatCell(value: string | number | null | undefined, type: 'text' | 'number' | 'age'): string {
  if (value === null || value === undefined || value === '') return '—';
  if (type === 'age') return typeof value === 'string' ? age(value) : String(value);
  return String(value);
}

export function StatusBadge({ status }: { status: ObjectStatus }) {
  return (
    <span className={`health health-${status.health}`} title={status.reason} data-health={status.health}>
      <span className="health-dot" aria-hidden />
      {status.text || '—'}
    </span>
  );
}

const HEALTH_ORDER: Record<ObjectStatus['health'], number> = { failing: 0, progressing: 1, healthy: 2, none: 3 };

/** How a kind's table is sorted at first: Events by status (Warnings first), everything else by name. */
export function initialSortFor(kind: KubeKindInfo): { key: string; desc: boolean } {
  return isEvents(kind) && kind.hasStatus ? { key: 'status', desc: false } : { key: 'name', desc: false };
}

const isEvents = (kind: KubeKindInfo) => kind.group === '' && kind.resource === 'events';

/** A timestamp as a string that sorts the newest first (unknown times last). */
const newestFirst = (t: string | number | null | undefined): string => {
  const ms = typeof t === 'string' ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? '9'.repeat(15) : String(1e15 - ms).padStart(15, '0');
};

const sortable = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : v);

/** Name, Namespace (all namespaces shown), the kind's own columns, Status and Age; actions when it has any. */
export function columnsFor(
  kind: KubeKindInfo,
  allNamespaces: boolean,
  open: (row: KubeObjectRow) => void,
  actions?: (row: KubeObjectRow) => ReactNode,
): Column<KubeObjectRow>[] {
  const cols: Column<KubeObjectRow>[] = [
    {
      key: 'name',
      header: 'Name',
      width: '2fr',
      render: (r) => (
        <button className="link mono ellipsis" onClick={() => open(r)} data-testid="object-link">
          {r.name}
        </button>
      ),
      sortValue: (r) => r.name,
    },
  ];
  if (kind.namespaced && allNamespaces)
    cols.push({
      key: 'namespace',
      header: 'Namespace',
      width: '1fr',
      render: (r) => r.namespace ?? '',
      sortValue: (r) => r.namespace ?? '',
      dropOrder: 5,
    });
  kind.columns.forEach((c, i) => {
    cols.push({
      key: `c${i}`,
      header: c.name,
      width: c.type === 'text' ? '1fr' : '90px',
      render: (r) => <span className="ellipsis">{formatCell(r.cells[i], c.type)}</span>,
      // Ages sort by time: the cell holds the timestamp.
      sortValue: (r) => sortable(r.cells[i]),
      dropOrder: c.wide ? 1 : 10 + i,
    });
  });
  // Events of the same type: the newest first.
  const lastSeen = isEvents(kind) ? kind.columns.findIndex((c) => c.type === 'age') : -1;
  if (kind.hasStatus)
    cols.push({
      key: 'status',
      header: 'Status',
      width: '1.2fr',
      render: (r) => <StatusBadge status={r.status} />,
      // Failing first, then progressing, healthy, and those without a health (a Normal event).
      sortValue: (r) =>
        `${HEALTH_ORDER[r.status.health]}/${r.status.text}${lastSeen >= 0 ? `/${newestFirst(r.cells[lastSeen])}` : ''}`,
    });
  cols.push({
    key: 'age',
    header: 'Age',
    width: '70px',
    render: (r) => age(r.createdAt),
    sortValue: (r) => r.createdAt ?? '',
  });
  if (actions) cols.push({ key: 'actions', header: 'Actions', width: '160px', render: actions });
  return cols;
}
