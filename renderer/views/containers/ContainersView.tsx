/**
 * Containers: the live table of the engine in use (filter, state, grouping by compose stack, selection and
 * bulk actions, run a container), a container's detail page, or a kept engine's containers in its tab. The
 * detail page (logs, inspect, mounts) is its own chunk, `containerDetail`: the table's first paint does
 * without it, and viewLoaders.ts fetches it with the view when the URL names a container, else once idle.
 */
import { Suspense, useMemo, useState } from 'react';
import { DataTable } from '../../components/DataTable';
import { useContainers } from '../../stores/dockerStores';
import { useRetained } from '../../stores/useRetained';
import { useEngine } from '../../stores/engineStore';
import { useNav } from '../../stores/navStore';
import { containerColumns } from './containerColumns';
import { containerRows, groupByProject, type ContainerRow } from './groupRows';
import { containerRowSearch, containerSearch } from './containerSearch';
import { createIncrementalFilter } from '../../components/incrementalFilter';
import { BulkActionsBar } from './BulkActionsBar';
import { ViewHeader } from '../../components/ViewHeader';
import { useQueryText, useTableQuery } from '../../components/tableQuery';
import { TableEmpty } from '../../components/TableEmpty';
import { RunContainerDialogLazy as RunContainerDialog } from './RunContainerDialogLazy';
import { lazyPart, useLazyComponent } from '../../common/lazyPart';
import { EngineTabs } from '../../components/EngineTabs';
import { useKeptShown } from '../../stores/shownEngineStore';
import { KeptEngineContainers } from './KeptEngineContainers';
import './containers.css';

export const containerDetail = lazyPart(() => import('./ContainerDetail').then((m) => m.ContainerDetail));

const STATES = ['all', 'running', 'exited', 'paused', 'created'] as const;
type StateFilter = (typeof STATES)[number];

export function ContainersView() {
  const detail = useNav((s) => s.detail);
  // A kept engine's containers, by its context name; undefined shows the engine in use.
  const kept = useKeptShown();
  const ContainerDetail = useLazyComponent(containerDetail);
  const tabs = <EngineTabs view="containers" />;
  if (detail)
    return (
      <Suspense fallback={null}>
        <ContainerDetail id={detail} />
      </Suspense>
    );
  return kept ? <KeptEngineContainers key={kept} name={kept} tabs={tabs} /> : <ContainersList tabs={tabs} />;
}

function ContainersList({ tabs }: { tabs: React.ReactNode }) {
  useRetained(useContainers);
  const { items, loaded, error } = useContainers();
  const engine = useEngine((s) => s.engine);
  const go = useNav((s) => s.go);
  const tableQuery = useTableQuery();
  const [state, setState] = useState<StateFilter>('all');
  const [grouped, setGrouped] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [running, setRunning] = useState(false);

  const all = useMemo(() => [...items.values()], [items]);
  const byState = useMemo(() => (state === 'all' ? all : all.filter((c) => c.state === state)), [all, state]);
  const search = useMemo(() => createIncrementalFilter(containerSearch), []);
  // The containers that pass the filter: a second scan beside the table's own, so it is made only when
  // something needs it — the grouped rows, or a selection (which only ever holds shown containers). Only
  // then does a keystroke render the view; otherwise the table follows the query store alone.
  const needVisible = grouped || selected.size > 0;
  const query = useQueryText(tableQuery, needVisible);
  const visible = useMemo(
    () => (needVisible ? search.apply(byState, query) : undefined),
    [needVisible, search, byState, query],
  );
  // Ungrouped, the rows depend on the containers only: the table sorts them once, filters them by state
  // and searches the sorted rows incrementally, so a keystroke neither rebuilds nor re-sorts them. Grouped
  // rows depend on what passes the filter, so they are rebuilt.
  const flatRows = useMemo(() => containerRows(all), [all]);
  const groupedRows = useMemo(() => (grouped && visible ? groupByProject(visible) : undefined), [grouped, visible]);
  const rows = groupedRows ?? flatRows;
  const rowFilter = useMemo(
    () => (grouped || state === 'all' ? undefined : (r: ContainerRow) => r.kind !== 'container' || r.c.state === state),
    [grouped, state],
  );
  const rowSearch = useMemo(
    () => (grouped ? undefined : { query: tableQuery, fields: containerRowSearch }),
    [grouped, tableQuery],
  );
  const open = (id: string) => go('containers', id);
  const columns = useMemo(() => containerColumns(grouped ? 'grouped' : 'sortable', open), [grouped]); // eslint-disable-line react-hooks/exhaustive-deps
  // Selection only ever holds containers that still exist and pass the filter.
  const selectedContainers = useMemo(
    () => (visible && selected.size > 0 ? visible.filter((c) => selected.has(c.id)) : []),
    [visible, selected],
  );
  // Whether any container is shown, for the select-all box: the table says when it changes (the rows it shows
  // are the containers that pass the filter, under their stacks when grouped), so a keystroke scans once.
  const [anyShown, setAnyShown] = useState(false);
  // While the engine cannot be reached the table is not drawn, and what it last said is not to be trusted.
  const unreachable = error !== undefined && engine?.status !== 'connected';

  const toggle = (key: string) => {
    const next = new Set(selected);
    const group = groupedRows?.find(
      (r): r is Extract<ContainerRow, { kind: 'group' }> => r.kind === 'group' && r.key === key,
    );
    if (group) {
      const all = group.ids.every((id) => next.has(id));
      for (const id of group.ids) {
        if (all) next.delete(id);
        else next.add(id);
      }
    } else if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  const selectedKeys = useMemo(() => {
    if (!groupedRows) return selected;
    const keys = new Set(selected);
    for (const r of groupedRows) if (r.kind === 'group' && r.ids.every((id) => selected.has(id))) keys.add(r.key);
    return keys;
  }, [groupedRows, selected]);
  // Not re-rendered by a filter keystroke.
  const bulkBar = useMemo(
    () => <BulkActionsBar selected={selectedContainers} onDone={() => setSelected(new Set())} />,
    [selectedContainers],
  );
  const runDialog = useMemo(() => <RunContainerDialog open={running} onClose={() => setRunning(false)} />, [running]);
  const allSelected = visible !== undefined && visible.length > 0 && visible.every((c) => selected.has(c.id));
  const selectAll = () =>
    setSelected(allSelected ? new Set() : new Set(search.apply(byState, tableQuery.getState().text).map((c) => c.id)));

  return (
    <section className="view" aria-labelledby="containers-title">
      <ViewHeader
        titleId="containers-title"
        title="Containers"
        summary={`${items.size} total`}
        filter={tableQuery}
        filterLabel="Filter containers"
        filterPlaceholder="Filter by name, image, id or stack"
      >
        <select value={state} onChange={(e) => setState(e.target.value as StateFilter)} aria-label="State">
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <label className="check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group by stack
        </label>
        <button className="primary" onClick={() => setRunning(true)}>
          Run a container…
        </button>
      </ViewHeader>
      {tabs}
      <div className="toolbar">
        <label className="check">
          <input
            type="checkbox"
            aria-label="Select all shown containers"
            checked={allSelected}
            disabled={!anyShown || unreachable}
            onChange={selectAll}
          />
          Select all
        </label>
        {bulkBar}
      </div>
      {unreachable ? (
        <div className="empty-state">
          <h2>Docker engine not reachable</h2>
          <p>{engine?.hint ?? error.hint ?? error.message}</p>
        </div>
      ) : (
        <DataTable<ContainerRow>
          key={grouped ? 'grouped' : 'flat'}
          testId="containers-table"
          rows={rows}
          filter={rowFilter}
          search={rowSearch}
          columns={columns}
          rowKey={(r) => r.key}
          selected={selectedKeys}
          onToggleSelect={toggle}
          onOpen={(r) => r.kind === 'container' && open(r.c.id)}
          rowClass={(r) => (r.kind === 'group' ? 'group-row' : '')}
          onAnyShown={setAnyShown}
          initialSort={grouped ? undefined : { key: 'created', desc: true }}
          empty={
            <TableEmpty
              loaded={loaded}
              query={tableQuery}
              filtered={state !== 'all'}
              noMatch="No container matches the filter."
              none="No containers yet. Run one with “Run a container…” or from the Images view."
            />
          }
        />
      )}
      {runDialog}
    </section>
  );
}
