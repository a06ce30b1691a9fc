/**
 * Volumes: live list with the containers that mount them, sizes on demand, create and remove (asks; refuses
 * one in use). With several engines connected, tabs show a kept engine's volumes instead, live and read-only.
 */
import { useMemo, useState } from 'react';
import { api } from '../../api';
import type { VolumeSummary } from '../../../contract/volumes';
import { DataTable, type Column } from '../../components/DataTable';
import { confirm } from '../../components/ConfirmDialog';
import { formatBytes } from '../../common/format';
import { attempt, notify } from '../../stores/toastStore';
import { useRetained } from '../../stores/useRetained';
import { ViewHeader } from '../../components/ViewHeader';
import { useTableQuery } from '../../components/tableQuery';
import type { RowSearch } from '../../components/incrementalFilter';
import { CreateVolumeDialog } from './CreateVolumeDialog';
import { UsedBy } from './UsedBy';
import { useVolumes } from '../../stores/volumesStore';
import { EngineSection } from '../../components/EngineTabs';
import { volumesOn } from '../../stores/onEngineStores';
import { useKeptShown } from '../../stores/shownEngineStore';
import './volumes.css';

async function removeVolume(v: VolumeSummary): Promise<void> {
  const users = (v.usedBy ?? []).map((u) => u.name).join(', ');
  const answer = await confirm({
    title: 'Remove volume',
    message: users
      ? `${v.name} is used by ${users}. The engine will refuse while they exist; remove them first.`
      : `Remove ${v.name}? Its data is deleted for good.`,
    confirmLabel: 'Remove',
    danger: true,
  });
  if (!answer.ok) return;
  if (await attempt(`Could not remove ${v.name}`, () => api.volumes.remove({ name: v.name }))) {
    notify('success', `Removed volume ${v.name}`);
  }
}

export function VolumesView() {
  const kept = useKeptShown();
  return <VolumesOn key={kept ?? ''} kept={kept} />;
}

/** The filter box matches a volume's name. */
const volumeSearch: RowSearch<VolumeSummary> = { text: (v) => v.name.toLowerCase() };

/** The volumes of the engine in use, or of the kept engine `kept` names (no actions there). */
function VolumesOn({ kept }: { kept: string | undefined }) {
  const volumes = kept ? volumesOn(kept) : useVolumes;
  useRetained(volumes);
  const { items, loaded, error } = volumes();
  const query = useTableQuery();
  const [creating, setCreating] = useState(false);
  const [sizes, setSizes] = useState<Record<string, number> | undefined>();
  const [measuring, setMeasuring] = useState(false);
  const rows = useMemo(() => [...items.values()], [items]);
  const search = useMemo(() => ({ query, fields: volumeSearch }), [query]);
  const measure = async () => {
    setMeasuring(true);
    const result = await attempt('Could not measure volumes', () => api.volumes.sizes());
    if (result) setSizes(result);
    setMeasuring(false);
  };
  const columns: Column<VolumeSummary>[] = [
    {
      key: 'name',
      header: 'Name',
      width: 'minmax(200px, 3fr)',
      render: (v) => (
        <span className="mono" title={v.mountpoint} data-testid="volume-name">
          {v.anonymous ? `${v.name.slice(0, 12)}…` : v.name}
          {v.anonymous && <span className="tag">anonymous</span>}
        </span>
      ),
      sortValue: (v) => v.name,
    },
    { key: 'driver', header: 'Driver', width: '90px', render: (v) => v.driver, sortValue: (v) => v.driver },
    {
      key: 'used',
      header: 'Used by',
      width: 'minmax(160px, 2fr)',
      render: (v) => <UsedBy containers={v.usedBy} none={<span className="tag">unused</span>} />,
      sortValue: (v) => v.usedBy?.length ?? -1,
    },
    {
      key: 'size',
      header: 'Size',
      width: '90px',
      render: (v) => (sizes && v.name in sizes ? formatBytes(sizes[v.name] ?? 0) : '—'),
      sortValue: (v) => sizes?.[v.name] ?? -1,
    },
    {
      key: 'created',
      header: 'Created',
      width: '160px',
      render: (v) => (v.created ? new Date(v.created).toLocaleString() : '—'),
      sortValue: (v) => v.created ?? '',
    },
  ];
  if (!kept) {
    columns.push({
      key: 'actions',
      header: '',
      width: '90px',
      render: (v) => (
        <button className="small danger" aria-label={`Remove ${v.name}`} onClick={() => void removeVolume(v)}>
          Remove
        </button>
      ),
    });
  }
  return (
    <section className="view" aria-labelledby="volumes-title">
      <ViewHeader
        titleId="volumes-title"
        title="Volumes"
        summary={`${items.size} volumes`}
        filter={query}
        filterLabel="Filter volumes"
        filterPlaceholder="Filter by name"
      >
        {!kept && (
          <>
            <button onClick={() => void measure()} disabled={measuring}>
              {measuring ? 'Measuring…' : 'Show sizes'}
            </button>
            <button className="primary" onClick={() => setCreating(true)}>
              Create
            </button>
          </>
        )}
      </ViewHeader>
      <EngineSection view="volumes" kept={kept} actions="create, measure or remove volumes">
        <DataTable
          testId="volumes-table"
          rows={rows}
          search={search}
          columns={columns}
          rowKey={(v) => v.name}
          initialSort={{ key: 'name', desc: false }}
          empty={kept && error ? error.message : loaded ? 'No volumes.' : 'Loading…'}
        />
      </EngineSection>
      {!kept && <CreateVolumeDialog open={creating} onClose={() => setCreating(false)} />}
    </section>
  );
}
