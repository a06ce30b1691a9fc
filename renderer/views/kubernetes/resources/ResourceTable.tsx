/** Any kind's live objects in one virtualised table, its columns from the kind's description. */
import { useCallback, useMemo } from 'react';
import { DataTable } from '../../../components/DataTable';
import { useTableQuery } from '../../../components/tableQuery';
import { QueryBox } from '../../../components/ViewHeader';
import { oncePerRow, type RowSearch } from '../../../components/incrementalFilter';
import type { KubeKindInfo, KubeObjectRow } from '../../../../contract/kubeObjects';
import { useObjectRows, type OpenObject } from '../../../stores/kubeObjects';
import { listErrorLine } from './listError';
import { columnsFor, initialSortFor } from './cells';
import { ObjectActions } from './ObjectActions';

/**
 * The filter matches `namespace/name`; narrowed incrementally as the query grows (DataTable). Each row's text
 * is made once per row object (the stores keep an unchanged object), not each time the rows change.
 */
const rowSearch: RowSearch<KubeObjectRow> = {
  text: oncePerRow((r: KubeObjectRow) => `${r.namespace ?? ''}/${r.name}`.toLowerCase()),
};

export function ResourceTable({
  context,
  kind,
  namespace,
  onOpen,
}: {
  context: string;
  kind: KubeKindInfo;
  namespace: string;
  onOpen(o: OpenObject): void;
}) {
  const list = useObjectRows(context, kind, namespace);
  const query = useTableQuery();
  const open = useCallback(
    (r: KubeObjectRow) => onOpen({ kindId: kind.id, namespace: r.namespace, name: r.name }),
    [kind.id, onOpen],
  );
  const hasActions = kind.actions.length > 0;
  const columns = useMemo(
    () =>
      columnsFor(
        kind,
        namespace === '',
        open,
        hasActions
          ? (r) => (
              <ObjectActions
                place="row"
                kind={kind}
                object={{
                  context,
                  group: kind.group,
                  version: kind.version,
                  resource: kind.resource,
                  namespace: r.namespace,
                  name: r.name,
                }}
              />
            )
          : undefined,
      ),
    [kind, namespace, open, hasActions, context],
  );
  const search = useMemo(() => ({ query, fields: rowSearch }), [query]);
  const rows = useMemo(() => [...list.items.values()], [list.items]);
  const problem = list.error && listErrorLine(kind, namespace, list.error);
  return (
    <div className="resource-table" data-kind={kind.id}>
      <div className="resource-table-head">
        <h2>{kind.title}</h2>
        <span className="muted">{list.loaded ? `${rows.length}` : problem?.forbidden ? '' : 'loading…'}</span>
        <QueryBox label={`Filter ${kind.title}`} placeholder={`Filter ${kind.title.toLowerCase()}`} query={query} />
      </div>
      {problem && (
        <p className={problem.forbidden ? 'muted' : 'bad-text'} role="alert" data-testid="list-error">
          {problem.text}
        </p>
      )}
      {!problem?.forbidden && (
        <DataTable
          testId="resource-table"
          rows={rows}
          search={search}
          columns={columns}
          rowKey={(r) => r.id}
          onOpen={open}
          empty={
            list.loaded
              ? `No ${kind.title.toLowerCase()}${kind.namespaced && namespace ? ` in ${namespace}` : ''}.`
              : 'Loading…'
          }
          initialSort={initialSortFor(kind)}
        />
      )}
    </div>
  );
}
