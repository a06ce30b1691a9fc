import { useEngine } from '../../stores/engineStore';
import { ViewHead } from '../../components/ViewHeader';
import { useNav } from '../../stores/navStore';

export function DashboardView() {
  const engine = useEngine((s) => s.engine);
  const go = useNav((s) => s.go);
  const c = engine?.containers;
  return (
    <section className="view" aria-labelledby="dash-title">
      <ViewHead titleId="dash-title" title="Dashboard" />
      <div className="cards">
        <article className="card">
          <h2>Docker engine</h2>
          {engine?.status === 'connected' ? (
            <>
              <p className="big">Docker {engine.version}</p>
              <p className="muted">
                {engine.endpoint} ({engine.source}) · API {engine.apiVersion} · {engine.os}
              </p>
            </>
          ) : engine?.status === 'unreachable' ? (
            <>
              <p className="big bad-text">Not reachable</p>
              <p>{engine.error}</p>
              <p className="muted">{engine.hint}</p>
            </>
          ) : (
            <p>Connecting…</p>
          )}
        </article>
        <article className="card clickable" onClick={() => go('containers')}>
          <h2>Containers</h2>
          <p className="big">{c ? c.running : '—'} running</p>
          <p className="muted">{c ? `${c.stopped} stopped · ${c.paused} paused` : ''}</p>
        </article>
        <article className="card clickable" onClick={() => go('images')}>
          <h2>Images</h2>
          <p className="big">{engine?.images ?? '—'}</p>
        </article>
      </div>
    </section>
  );
}
