import { useEngine } from '../stores/engineStore';
import { useTasks } from '../stores/tasksStore';

export function StatusBar() {
  const engine = useEngine((s) => s.engine);
  const running = useTasks((s) => [...s.tasks.values()].filter((t) => t.state === 'running').length);
  const toggle = () => useTasks.getState().setOpen(!useTasks.getState().open);
  let text: string;
  let cls: string;
  if (!engine || engine.status === 'connecting') {
    text = 'Connecting to the Docker engine…';
    cls = 'pending';
  } else if (engine.status === 'connected') {
    const c = engine.containers;
    const images = engine.images ?? 0;
    text = `Docker ${engine.version ?? ''} · ${c?.running ?? 0} running · ${(c?.stopped ?? 0) + (c?.paused ?? 0)} stopped · ${images} image${images === 1 ? '' : 's'}`;
    cls = 'ok';
  } else {
    text = `Docker engine not reachable at ${engine.endpoint} — ${engine.hint ?? 'start it and Berth reconnects by itself.'}`;
    cls = 'bad';
  }
  return (
    <footer className="statusbar" role="status" data-testid="engine-status" data-state={engine?.status ?? 'connecting'}>
      <span className={`dot ${cls}`} aria-hidden />
      <span
        className="status-text"
        title={engine?.error ?? `${engine?.source ?? ''}. Images: each counted once however many tags it has.`}
      >
        {text}
      </span>
      <span className="spacer" />
      <button className="link" onClick={toggle} data-testid="tasks-toggle">
        {running ? `${running} task${running > 1 ? 's' : ''} running` : 'Tasks'}
      </button>
    </footer>
  );
}
