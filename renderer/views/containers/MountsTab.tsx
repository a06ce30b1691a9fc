/** Where the container's data lives: volumes, bind mounts and tmpfs, from its inspect. */
import { useContainerInspect } from './useContainerInspect';

interface MountInfo {
  Type?: string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Mode?: string;
  RW?: boolean;
  Driver?: string;
}

export function MountsTab({ id, version }: { id: string; version: string }) {
  const { data, error } = useContainerInspect(id, version);
  if (error) return <p className="bad-text">{error.message}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const mounts = (Array.isArray(data.Mounts) ? data.Mounts : []) as MountInfo[];
  if (mounts.length === 0)
    return <p className="muted">No volumes or bind mounts: its files live in its writable layer.</p>;
  return (
    <table className="simple-table" data-testid="mounts-table">
      <thead>
        <tr>
          <th>Type</th>
          <th>Source</th>
          <th>Path in container</th>
          <th>Access</th>
        </tr>
      </thead>
      <tbody>
        {mounts.map((m, i) => (
          <tr key={i}>
            <td>{m.Type}</td>
            <td className="mono" title={m.Source}>
              {m.Type === 'volume'
                ? m.Name && m.Name.length === 64
                  ? `${m.Name.slice(0, 12)} (anonymous)`
                  : m.Name
                : m.Source}
            </td>
            <td className="mono">{m.Destination}</td>
            <td>{m.RW === false ? 'read-only' : 'read-write'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
