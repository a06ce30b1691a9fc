/**
 * The containers using a volume or network, each a link to it in the Containers view; `none` when there are
 * none, and an ellipsis while main is still listing the engine's containers.
 */
import type { ReactNode } from 'react';
import { useNav } from '../../stores/navStore';
import './volumes.css';

export function UsedBy({ containers, none }: { containers?: Array<{ id: string; name: string }>; none: ReactNode }) {
  const go = useNav((s) => s.go);
  if (!containers) {
    return (
      <span className="muted" title="Listing the engine's containers…" data-testid="users-pending">
        …
      </span>
    );
  }
  if (!containers.length) return none;
  return (
    <span className="used-by">
      {containers.map((c) => (
        <button key={c.id} className="link mono" onClick={() => go('containers', c.id)}>
          {c.name}
        </button>
      ))}
    </span>
  );
}
