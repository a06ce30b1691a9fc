import { useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../contract/containers';
import { DataTable, type Column } from '../../components/DataTable';
import { useContainers } from '../../stores/dockerStores';
import { useRetained } from '../../stores/useRetained';
import { useEngine } from '../../stores/engineStore';
import { formatAgo, shortId } from '../../common/format';
import { ContainerActions } from './ContainerActions';
import { PortLinks } from './PortLinks';

const STATES = ['all', 'running', 'exited', 'paused', 'created'] as const;

const columns: Column<ContainerSummary>[] = [
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(160px, 2fr)',
    render: (c) => (
      <span className="cell-name" title={c.id}>
        <span className={`state-dot ${c.state}`} aria-hidden />
        <span data-testid="container-name">{c.name}</span>
        {c.composeProject && <span className="tag">{c.composeProject}</span>}
      </span>
    ),
    sortValue: (c) => c.name,
  },
  {
    key: 'image',
    header: 'Image',
    width: 'minmax(140px, 2fr)',
    render: (c) => <span className="mono ellipsis">{c.image.startsWith('sha256:') ? shortId(c.image) : c.image}</span>,
    sortValue: (c) => c.image,
  },
  {
    key: 'state',
    header: 'State',
    width: '150px',
    render: (c) => (
      <span className={`state ${c.state}`} data-testid="container-state">
        {c.status || c.state}
      </span>
    ),
    sortValue: (c) => c.state,
  },
  { key: 'ports', header: 'Ports', width: 'minmax(120px, 1.5fr)', render: (c) => <PortLinks ports={c.ports} /> },
  {
    key: 'created',
    header: 'Created',
    width: '100px',
    render: (c) => formatAgo(c.created),
    sortValue: (c) => c.created,
  },
  { key: 'actions', header: '', width: '150px', render: (c) => <ContainerActions c={c} /> },
];

export function ContainersView() {
  useRetained(useContainers);
  const { items, loaded, error } = useContainers();
  const engine = useEngine((s) => s.engine);
  const [filter, setFilter] = useState('');
  const [state, setState] = useState<(typeof STATES)[number]>('all');
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return [...items.values()].filter(
      (c) =>
        (state === 'all' || c.state === state) &&
        (!needle ||
          c.name.toLowerCase().includes(needle) ||
          c.image.toLowerCase().includes(needle) ||
          c.id.startsWith(needle) ||
          (c.composeProject ?? '').includes(needle)),
    );
  }, [items, filter, state]);
  return (
    <section className="view" aria-labelledby="containers-title">
      <header className="view-head">
        <h1 id="containers-title">Containers</h1>
        <span className="muted">{items.size} total</span>
        <span className="spacer" />
        <input
          type="search"
          placeholder="Filter by name, image, id or stack"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          aria-label="Filter containers"
        />
        <select value={state} onChange={(e) => setState(e.target.value as (typeof STATES)[number])} aria-label="State">
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </header>
      {error && engine?.status !== 'connected' ? (
        <div className="empty-state">
          <h2>Docker engine not reachable</h2>
          <p>{engine?.hint ?? error.hint ?? error.message}</p>
        </div>
      ) : (
        <DataTable
          testId="containers-table"
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          initialSort={{ key: 'created', desc: true }}
          empty={
            loaded
              ? filter
                ? 'No container matches the filter.'
                : 'No containers yet. Run one from the Images view.'
              : 'Loading…'
          }
        />
      )}
    </section>
  );
}
