/** The columns of the containers table; group header rows (compose projects) span the name column. */
import type { Column } from '../../components/DataTable';
import { formatAgo, shortId } from '../../common/format';
import { ContainerActions } from './ContainerActions';
import { LiveAgo, LiveStatus } from '../../components/LiveStatus';
import { PortLinks } from './PortLinks';
import { CpuCell, MemoryCell } from './UsageCells';
import type { ContainerRow } from './groupRows';

type Sorted = 'sortable' | 'grouped';

/** `context` names the kept engine the rows are on, for their actions; without it, the engine in use. */
export function containerColumns(mode: Sorted, open: (id: string) => void, context?: string): Column<ContainerRow>[] {
  const sortable = mode === 'sortable';
  const by = <V extends string | number>(f: (row: Extract<ContainerRow, { kind: 'container' }>) => V) =>
    sortable ? (row: ContainerRow) => (row.kind === 'container' ? f(row) : '') : undefined;
  return [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(160px, 2fr)',
      render: (row) =>
        row.kind === 'group' ? (
          <span className="cell-name group-head" data-testid="container-group">
            <strong>{row.project}</strong>
            <span className="muted">
              {row.running}/{row.ids.length} running
            </span>
          </span>
        ) : (
          <span className={`cell-name ${row.grouped ? 'in-group' : ''}`} title={row.c.id}>
            <span className={`state-dot ${row.c.state}`} aria-hidden />
            <button className="link name-link" onClick={() => open(row.c.id)} aria-label={`Open ${row.c.name}`}>
              <span data-testid="container-name">{row.c.name}</span>
            </button>
            {row.c.composeProject && !row.grouped && <span className="tag">{row.c.composeProject}</span>}
          </span>
        ),
      sortValue: by((r) => r.c.name),
    },
    {
      key: 'image',
      header: 'Image',
      width: 'minmax(120px, 2fr)',
      render: (row) =>
        row.kind === 'container' ? (
          <span className="mono ellipsis">
            {row.c.image.startsWith('sha256:') ? shortId(row.c.image) : row.c.image}
          </span>
        ) : null,
      sortValue: by((r) => r.c.image),
    },
    {
      key: 'state',
      header: 'State / uptime',
      width: 'minmax(130px, 160px)',
      render: (row) =>
        row.kind === 'container' ? (
          <span className={`state ${row.c.state}`} data-testid="container-state">
            <LiveStatus status={row.c.status} since={row.c.since} fallback={row.c.state} />
          </span>
        ) : null,
      sortValue: by((r) => r.c.state),
    },
    {
      key: 'cpu',
      header: 'CPU',
      width: '64px',
      dropOrder: 3,
      render: (row) => (row.kind === 'container' ? <CpuCell c={row.c} /> : null),
    },
    {
      key: 'memory',
      header: 'Memory',
      width: '80px',
      dropOrder: 2,
      render: (row) => (row.kind === 'container' ? <MemoryCell c={row.c} /> : null),
    },
    {
      key: 'ports',
      header: 'Ports',
      width: 'minmax(120px, 1.5fr)',
      render: (row) => (row.kind === 'container' ? <PortLinks ports={row.c.ports} /> : null),
    },
    {
      key: 'created',
      header: 'Created',
      width: '90px',
      dropOrder: 1,
      render: (row) => (row.kind === 'container' ? <LiveAgo epochSeconds={row.c.created} format={formatAgo} /> : null),
      sortValue: by((r) => r.c.created),
    },
    {
      key: 'actions',
      header: '',
      width: '130px',
      render: (row) => (row.kind === 'container' ? <ContainerActions c={row.c} context={context} /> : null),
    },
  ];
}
