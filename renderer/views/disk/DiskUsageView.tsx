/**
 * Disk usage: `docker system df` per type — images, containers, volumes, build cache — how many there are
 * and in use, their size and what a prune would give back, the largest items of each, and Prune for each
 * type with a preview. Read on demand (the engine measures volumes to answer), and again after a prune.
 */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import type { ApiError } from '../../../contract/apiError';
import type { DiskUsage, DiskUsageGroup, DiskUsageKind } from '../../../contract/diskUsage';
import { toApiError } from '../../common/apiError';
import { formatBytes } from '../../common/format';
import { ViewHead } from '../../components/ViewHeader';
import { FormError } from '../../components/Modal';
import { KIND_LABEL } from './diskKinds';
import { PruneDialog } from './PruneDialog';
import { largestItems } from './largestItems';
import './disk.css';

const bytes = (n: number | null) => (n === null ? 'unknown' : formatBytes(n));

function GroupRow({ group, onPrune }: { group: DiskUsageGroup; onPrune(kind: DiskUsageKind): void }) {
  return (
    <tr data-testid={`disk-${group.kind}`}>
      <th scope="row">{KIND_LABEL[group.kind]}</th>
      <td className="num">{group.total}</td>
      <td className="num">{group.active}</td>
      <td className="num">{bytes(group.size)}</td>
      <td className="num" data-testid={`disk-${group.kind}-reclaimable`}>
        {bytes(group.reclaimable)}
        {group.size ? (
          <span className="muted"> ({Math.round(((group.reclaimable ?? 0) / group.size) * 100)}%)</span>
        ) : null}
      </td>
      <td>
        <button className="small" onClick={() => onPrune(group.kind)} aria-label={`Prune ${KIND_LABEL[group.kind]}`}>
          Prune…
        </button>
      </td>
    </tr>
  );
}

export function DiskUsageView() {
  const [usage, setUsage] = useState<DiskUsage | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [loading, setLoading] = useState(false);
  const [pruning, setPruning] = useState<DiskUsageKind | undefined>();
  const load = useCallback(() => {
    setLoading(true);
    api.system
      .diskUsage()
      .then((u) => (setUsage(u), setError(undefined)))
      .catch((e: unknown) => setError(toApiError(e)))
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);
  return (
    <section className="view disk-view" aria-labelledby="disk-title" data-testid="disk-view">
      <ViewHead titleId="disk-title" title="Disk usage">
        <span className="spacer" />
        <button onClick={load} disabled={loading}>
          {loading ? 'Measuring…' : 'Refresh'}
        </button>
      </ViewHead>
      <FormError error={error} />
      {!usage && !error && <p className="muted">Measuring…</p>}
      {usage && (
        <>
          <table className="disk-table">
            <thead>
              <tr>
                <th>Type</th>
                <th className="num">Total</th>
                <th className="num">In use</th>
                <th className="num">Size</th>
                <th className="num">Reclaimable</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {usage.groups.map((g) => (
                <GroupRow key={g.kind} group={g} onPrune={setPruning} />
              ))}
            </tbody>
          </table>
          <div className="disk-details">
            {usage.groups.map((g) => {
              const items = largestItems(usage, g.kind);
              return (
                <details key={g.kind} className="card">
                  <summary>
                    Largest {KIND_LABEL[g.kind].toLowerCase()} ({items.length} of {g.total})
                  </summary>
                  <ul className="prune-list">
                    {items.map((i) => (
                      <li key={i.id}>
                        <span className="mono">{i.name}</span>
                        <span className="muted">
                          {i.note ? `${i.note} · ` : ''}
                          {i.size >= 0 ? formatBytes(i.size) : 'size unknown'}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              );
            })}
          </div>
        </>
      )}
      <PruneDialog
        kind={pruning}
        onClose={() => setPruning(undefined)}
        onDone={() => {
          setPruning(undefined);
          load();
        }}
      />
    </section>
  );
}
