/**
 * Networks: live list with attached containers, create, remove (asks; the engine's own networks cannot go).
 * With several engines connected, tabs show a kept engine's networks instead, live and read-only.
 */
import { useMemo, useState } from 'react';
import { api } from '../../api';
import type { NetworkSummary } from '../../../contract/networks';
import { DataTable, type Column } from '../../components/DataTable';
import { confirm } from '../../components/ConfirmDialog';
import { shortId } from '../../common/format';
import { attempt, notify } from '../../stores/toastStore';
import { useRetained } from '../../stores/useRetained';
import { ViewHeader } from '../../components/ViewHeader';
import { useTableQuery } from '../../components/tableQuery';
import type { RowSearch } from '../../components/incrementalFilter';
import { UsedBy } from '../volumes/UsedBy';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { useNetworks } from '../../stores/networksStore';
import { EngineSection } from '../../components/EngineTabs';
import { networksOn } from '../../stores/onEngineStores';
import { useKeptShown } from '../../stores/shownEngineStore';
import '../volumes/volumes.css';

async function removeNetwork(n: NetworkSummary): Promise<void> {
  const users = (n.containers ?? []).map((c) => c.name).join(', ');
  const answer = await confirm({
    title: 'Remove network',
    message: users
      ? `${n.name} has ${users} attached. The engine will refuse while they are; disconnect or remove them first.`
      : `Remove network ${n.name}?`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!answer.ok) return;
  if (await attempt(`Could not remove ${n.name}`, () => api.networks.remove({ id: n.id }))) {
    notify('success', `Removed network ${n.name}`);
  }
}

export function NetworksView() {
  const kept = useKeptShown();
  return <NetworksOn key={kept ?? ''} kept={kept} />;
}

/** The filter box matches a network's name, or the start of its id. */
const networkSearch: RowSearch<NetworkSummary> = { text: (n) => n.name.toLowerCase(), id: (n) => n.id };

/** The networks of the engine in use, or of the kept engine `kept` names (no actions there). */
function NetworksOn({ kept }: { kept: string | undefined }) {
  const networks = kept ? networksOn(kept) : useNetworks;
  useRetained(networks);
  const { items, loaded, error } = networks();
  const query = useTableQuery();
  const [creating, setCreating] = useState(false);
  const rows = useMemo(() => [...items.values()], [items]);
  const search = useMemo(() => ({ query, fields: networkSearch }), [query]);
  const columns: Column<NetworkSummary>[] = [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(180px, 2fr)',
      render: (n) => (
        <span className="mono" data-testid="network-name">
          {n.name} {n.builtIn && <span className="tag">built-in</span>}
          {n.internal && <span className="tag">internal</span>}
        </span>
      ),
      sortValue: (n) => n.name,
    },
    { key: 'id', header: 'ID', width: '120px', render: (n) => <span className="mono">{shortId(n.id)}</span> },
    { key: 'driver', header: 'Driver', width: '90px', render: (n) => n.driver, sortValue: (n) => n.driver },
    {
      key: 'subnet',
      header: 'Subnet',
      width: '150px',
      render: (n) => <span className="mono">{n.subnets.join(', ')}</span>,
    },
    {
      key: 'containers',
      header: 'Containers',
      width: 'minmax(160px, 2fr)',
      render: (n) => <UsedBy containers={n.containers} none={<span className="muted">none</span>} />,
      sortValue: (n) => n.containers?.length ?? -1,
    },
  ];
  if (!kept) {
    columns.push({
      key: 'actions',
      header: '',
      width: '90px',
      render: (n) =>
        n.builtIn ? null : (
          <button className="small danger" aria-label={`Remove ${n.name}`} onClick={() => void removeNetwork(n)}>
            Remove
          </button>
        ),
    });
  }
  return (
    <section className="view" aria-labelledby="networks-title">
      <ViewHeader
        titleId="networks-title"
        title="Networks"
        summary={`${items.size} networks`}
        filter={query}
        filterLabel="Filter networks"
        filterPlaceholder="Filter by name or id"
      >
        {!kept && (
          <button className="primary" onClick={() => setCreating(true)}>
            Create
          </button>
        )}
      </ViewHeader>
      <EngineSection view="networks" kept={kept} actions="create or remove networks">
        <DataTable
          testId="networks-table"
          rows={rows}
          search={search}
          columns={columns}
          rowKey={(n) => n.id}
          initialSort={{ key: 'name', desc: false }}
          empty={kept && error ? error.message : loaded ? 'No networks.' : 'Loading…'}
        />
      </EngineSection>
      {!kept && <CreateNetworkDialog open={creating} onClose={() => setCreating(false)} />}
    </section>
  );
}
