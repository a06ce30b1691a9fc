/**
 * One pod: its state and actions (restart, delete), then Overview (containers with states, reasons and
 * the events that explain them), Logs, Shell and Port forward tabs.
 */
import { lazy, Suspense, useState } from 'react';
import { useKubeList } from '../../stores/kubeLists';
import { phaseClass } from './podLayout';
import { PodOverview } from './PodOverview';
import { PodLogsTab } from './PodLogsTab';
import { ForwardForm } from './ForwardForm';
import { deletePod, restartPod } from './podActions';

// The terminal (xterm) loads when the Shell tab opens.
const PodShellTab = lazy(() => import('./PodShellTab').then((m) => ({ default: m.PodShellTab })));

const TABS = ['Overview', 'Logs', 'Shell', 'Port forward'] as const;
type Tab = (typeof TABS)[number];

export function PodDetail({
  context,
  id,
  onBack,
  initialTab = 'Overview',
}: {
  context: string;
  id: string;
  onBack(): void;
  initialTab?: Tab;
}) {
  const [namespace = '', name = ''] = id.split('/');
  const pods = useKubeList('pods', context, namespace);
  const events = useKubeList('events', context, namespace);
  const pod = pods.items.get(id);
  const [tab, setTab] = useState<Tab>(initialTab);
  return (
    <div className="pod-detail" data-testid="pod-detail" data-pod={id}>
      <header className="toolbar">
        <button onClick={onBack}>← Back</button>
        <h2 className="mono">{name}</h2>
        {pod ? (
          <span data-testid="pod-status">
            <span className={`pod-chip static ${phaseClass(pod.display)}`} aria-hidden /> {pod.display}
            {pod.reason ? ` (${pod.reason})` : ''} · {pod.ready} ready · {pod.restarts} restarts · node{' '}
            {pod.node ?? '—'} · IP {pod.ip ?? '—'}
          </span>
        ) : (
          <span className="muted">{pods.loaded ? 'This pod is gone.' : 'Loading…'}</span>
        )}
        <span className="spacer" />
        {pod && (
          <>
            <button className="small" onClick={() => void restartPod(context, pod)}>
              Restart
            </button>
            <button className="small danger" onClick={() => void deletePod(context, pod).then((ok) => ok && onBack())}>
              Delete
            </button>
          </>
        )}
      </header>
      {pod && (
        <>
          <div className="tabs sub-tabs" role="tablist" aria-label="Pod">
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
          <div className="pod-tab" role="tabpanel" aria-label={tab}>
            {tab === 'Overview' && <PodOverview pod={pod} events={[...events.items.values()]} />}
            {tab === 'Logs' && (
              // Keyed: another pod's log is a view of its own (container, follow and search start afresh) —
              // by uid, so a pod made again under the same name (a StatefulSet's) is another pod too.
              <PodLogsTab key={`${context}/${pod.uid}`} context={context} pod={pod} />
            )}
            {tab === 'Shell' && (
              <Suspense fallback={<p className="muted">Loading…</p>}>
                <PodShellTab context={context} pod={pod} />
              </Suspense>
            )}
            {tab === 'Port forward' && (
              <ForwardForm
                target={{
                  context,
                  namespace: pod.namespace,
                  kind: 'pod',
                  name: pod.name,
                  ports: pod.containers.flatMap((c) =>
                    c.ports.filter((p) => p.protocol === 'TCP').map((p) => p.containerPort),
                  ),
                }}
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}
