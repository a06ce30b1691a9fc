/**
 * The containers of an engine kept connected beside the one in use, live from its own event stream, with the
 * everyday actions (start or stop, restart, pause, remove, which asks first) on that engine. Logs, a
 * terminal and the detail page work on the engine in use, so the note says how to switch to this one.
 */
import { useMemo } from 'react';
import { DataTable, type Column } from '../../components/DataTable';
import { ReachableEngine } from '../../components/EngineTabs';
import { ViewHeader } from '../../components/ViewHeader';
import { containersOn } from '../../stores/onEngineStores';
import { useRetained } from '../../stores/useRetained';
import { containerColumns } from './containerColumns';
import { containerRowSearch } from './containerSearch';
import { useTableQuery } from '../../components/tableQuery';
import { containerRows, type ContainerRow } from './groupRows';

const SHOWN = new Set(['image', 'state', 'ports', 'created', 'actions']);

const nameColumn: Column<ContainerRow> = {
  key: 'name',
  header: 'Name',
  width: 'minmax(160px, 2fr)',
  render: (row) =>
    row.kind === 'container' ? (
      <span className="cell-name" title={row.c.id}>
        <span className={`state-dot ${row.c.state}`} aria-hidden />
        <span data-testid="container-name">{row.c.name}</span>
      </span>
    ) : null,
  sortValue: (row) => (row.kind === 'container' ? row.c.name : ''),
};

export function KeptEngineContainers({ name, tabs }: { name: string; tabs: React.ReactNode }) {
  const store = containersOn(name);
  useRetained(store);
  const { items, loaded, error } = store();
  const query = useTableQuery();
  const rows = useMemo(() => containerRows([...items.values()]), [items]);
  const search = useMemo(() => ({ query, fields: containerRowSearch }), [query]);
  const columns = useMemo(
    () => [nameColumn, ...containerColumns('sortable', () => {}, name).filter((c) => SHOWN.has(c.key))],
    [name],
  );
  return (
    <section className="view" aria-labelledby="containers-title">
      <ViewHeader
        titleId="containers-title"
        title="Containers"
        summary={`${items.size} on ${name}`}
        filter={query}
        filterLabel="Filter containers"
        filterPlaceholder="Filter by name, image, id or stack"
      />
      {tabs}
      <p className="muted">
        Kept connected beside the engine in use, shown live. Start, stop, restart and remove work here; for logs, a
        terminal or running a new container, choose {name} in the engine picker (status bar).
      </p>
      <ReachableEngine name={name}>
        <DataTable<ContainerRow>
          testId="containers-table"
          rows={rows}
          search={search}
          columns={columns}
          rowKey={(r) => r.key}
          initialSort={{ key: 'created', desc: true }}
          empty={error ? error.message : loaded ? `No containers on ${name}.` : 'Loading…'}
        />
      </ReachableEngine>
    </section>
  );
}
