/** One container: header with its state and actions, then Logs, Terminal, Stats, Inspect and Mounts tabs. */
import { lazy, Suspense, useState } from 'react';
import { useContainers } from '../../stores/dockerStores';
import { useRetained } from '../../stores/useRetained';
import { useNav } from '../../stores/navStore';
import { shortId } from '../../common/format';
import { ContainerActions } from './ContainerActions';
import { LiveStatus } from '../../components/LiveStatus';
import { PortLinks } from './PortLinks';
import { LogsTab } from './LogsTab';
import { InspectTab } from './InspectTab';
import { MountsTab } from './MountsTab';
import './containers.css';

// The terminal (xterm) and the charts (uPlot) load when their tab opens.
const TerminalTab = lazy(() => import('./TerminalTab').then((m) => ({ default: m.TerminalTab })));
const StatsTab = lazy(() => import('./StatsTab').then((m) => ({ default: m.StatsTab })));

const TABS = ['Logs', 'Terminal', 'Stats', 'Inspect', 'Mounts'] as const;
type Tab = (typeof TABS)[number];

export function ContainerDetail({ id }: { id: string }) {
  useRetained(useContainers);
  const { items, loaded } = useContainers();
  const go = useNav((s) => s.go);
  const [tab, setTab] = useState<Tab>('Logs');
  const c = items.get(id) ?? [...items.values()].find((x) => x.name === id || x.id.startsWith(id));
  const back = () => go('containers');

  if (!c) {
    return (
      <section className="view">
        <button className="link back-link" onClick={back}>
          ← Containers
        </button>
        <div className="empty-state">
          <h2>{loaded ? 'This container no longer exists' : 'Loading…'}</h2>
          {loaded && <p className="muted">It was removed. Nothing else to show.</p>}
        </div>
      </section>
    );
  }
  const running = c.state === 'running';
  return (
    <section className="view container-detail" aria-labelledby="container-title" data-testid="container-detail">
      <button className="link back-link" onClick={back}>
        ← Containers
      </button>
      <header className="view-head">
        <span className={`state-dot ${c.state}`} aria-hidden />
        <h1 id="container-title">{c.name}</h1>
        <span className={`state ${c.state}`} data-testid="detail-state">
          <LiveStatus status={c.status} since={c.since} fallback={c.state} />
        </span>
        <span className="mono muted" title={c.id}>
          {shortId(c.id)}
        </span>
        <span className="mono muted ellipsis">{c.image}</span>
        <PortLinks ports={c.ports} />
        <span className="spacer" />
        <ContainerActions c={c} onRemoved={back} />
      </header>
      <div className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t}
            role="tab"
            aria-selected={tab === t}
            className={tab === t ? 'active' : ''}
            onClick={() => setTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" aria-label={tab}>
        {/* Keyed: another container's log is a view of its own (follow, search and scroll start afresh). */}
        {tab === 'Logs' && <LogsTab key={c.id} id={c.id} name={c.name} running={running} />}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          {tab === 'Terminal' && <TerminalTab id={c.id} running={running} />}
          {tab === 'Stats' && <StatsTab id={c.id} running={running} />}
        </Suspense>
        {tab === 'Inspect' && <InspectTab id={c.id} version={c.status} />}
        {tab === 'Mounts' && <MountsTab id={c.id} version={c.status} />}
      </div>
    </section>
  );
}
