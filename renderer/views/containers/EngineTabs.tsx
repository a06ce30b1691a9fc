/**
 * Which connected engine's containers the Containers view shows: the one in use, or one kept connected
 * beside it (engine picker › Keep connected). Shown only while more than one engine is connected; each tab
 * carries its engine's state.
 */
import { useEngine } from '../../stores/engineStore';

export function EngineTabs({ shown, onShow }: { shown: string | undefined; onShow(name: string | undefined): void }) {
  const engines = useEngine((s) => s.engines);
  if (engines.length < 2) return null;
  return (
    <div className="tabs" role="tablist" aria-label="Engine" data-testid="containers-engines">
      {engines.map((e) => {
        const active = e.inUse ? shown === undefined : shown === e.name;
        return (
          <button
            key={e.name}
            role="tab"
            aria-selected={active}
            className={active ? 'active' : ''}
            onClick={() => onShow(e.inUse ? undefined : e.name)}
            data-testid={`containers-engine-${e.name}`}
            data-state={e.status}
            title={e.endpoint}
          >
            <span className={`state-dot ${e.status === 'connected' ? 'running' : 'exited'}`} aria-hidden />
            {e.name}
            {e.inUse ? ' (in use)' : ''}
          </button>
        );
      })}
    </div>
  );
}
