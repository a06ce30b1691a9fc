/**
 * The engines kept connected beside the one in use, in the status bar: each one's name and state (its
 * version and running containers when connected, the error and what to do when not), so a build server
 * that went away shows at once while the engine in use keeps working.
 */
import type { ConnectedEngine } from '../../contract/system';
import { useEngine } from '../stores/engineStore';

function summary(e: ConnectedEngine): { text: string; cls: string; title: string } {
  if (e.status === 'connected') {
    const name = e.engine === 'podman' ? 'Podman' : 'Docker';
    return {
      text: `${name} ${e.version ?? ''} · ${e.containers?.running ?? 0} running`,
      cls: 'ok',
      title: e.endpoint,
    };
  }
  if (e.status === 'connecting') return { text: 'connecting…', cls: 'pending', title: e.endpoint };
  return {
    text: 'unreachable',
    cls: 'bad',
    title: `${e.endpoint}: ${e.error ?? ''} ${e.hint ?? ''}${e.retryAt ? ' Retrying by itself.' : ''}`,
  };
}

export function KeptEngines() {
  // The whole list is selected (a stable reference): a selector that filters would make a new array each time.
  const engines = useEngine((s) => s.engines);
  const kept = engines.filter((e) => !e.inUse);
  if (kept.length === 0) return null;
  return (
    <span className="kept-engines">
      {kept.map((e) => {
        const { text, cls, title } = summary(e);
        return (
          <span
            key={e.name}
            className="kept-engine"
            data-testid={`engine-status-${e.name}`}
            data-state={e.status}
            title={title}
          >
            <span className={`dot ${cls}`} aria-hidden />
            <strong>{e.name}</strong> {text}
          </span>
        );
      })}
    </span>
  );
}
