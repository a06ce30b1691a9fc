/**
 * The Kubernetes view: pick a context and namespace, then the cluster map, workloads, every kind of the
 * cluster (the resource browser), nodes, the running port-forwards or clusters.
 */
import { useEffect } from 'react';
import { useKube, type KubeTab } from '../../stores/kubeStore';
import { ViewHead } from '../../components/ViewHeader';
import { ContextBar } from './ContextBar';
import { MapTab } from './MapTab';
import { WorkloadsTab } from './WorkloadsTab';
import { NodesTab } from './NodesTab';
import { ClustersTab } from './ClustersTab';
import { ForwardsTab } from './ForwardsTab';
import { ResourcesTab } from './resources/ResourcesTab';
import './kubernetes.css';

// "Forwards", not "Port forwards": a pod's own "Port forward" tab must not be a prefix of another tab's name.
const TABS: ReadonlyArray<{ id: KubeTab; label: string; title?: string }> = [
  { id: 'map', label: 'Cluster map' },
  { id: 'workloads', label: 'Workloads' },
  { id: 'resources', label: 'Resources', title: 'Every kind of the cluster, custom resources too' },
  { id: 'nodes', label: 'Nodes' },
  { id: 'forwards', label: 'Forwards', title: 'The port-forwards Berth runs' },
  { id: 'clusters', label: 'Clusters' },
];

export function KubernetesView() {
  const { contexts, loaded, context, contextsError, refresh } = useKube();
  const status = useKube((s) => (s.context ? s.status[s.context] : undefined));
  const tab = useKube((s) => s.tab);
  const setTab = useKube((s) => s.setTab);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const noContexts = loaded && contexts.length === 0;
  const reachable = status?.state === 'ok';
  const body = () => {
    if (!loaded && !contextsError) {
      return (
        <p className="muted" data-testid="kube-loading">
          Reading the kubeconfig…
        </p>
      );
    }
    if (tab === 'forwards') return <ForwardsTab />;
    if (tab === 'clusters' || noContexts || !context) return <ClustersTab onUse={() => setTab('map')} />;
    if (status?.state === 'error') {
      return (
        <div className="empty-state" data-testid="kube-unreachable">
          <h2>{status.error.message}</h2>
          {status.error.hint && <p>{status.error.hint}</p>}
          <button onClick={() => void useKube.getState().checkStatus(context)}>Try again</button>
        </div>
      );
    }
    if (!reachable) return <p className="muted">Connecting to {context}…</p>;
    if (tab === 'workloads') return <WorkloadsTab context={context} />;
    if (tab === 'nodes') return <NodesTab context={context} />;
    if (tab === 'resources') return <ResourcesTab context={context} />;
    return <MapTab context={context} />;
  };

  return (
    <section className="view kube-view" aria-labelledby="kube-title">
      <ViewHead titleId="kube-title" title="Kubernetes">
        <ContextBar />
      </ViewHead>
      {contextsError && (
        <div className="empty-state" role="alert">
          <h2>{contextsError.message}</h2>
          {contextsError.hint && <p>{contextsError.hint}</p>}
        </div>
      )}
      <nav className="tabs" role="tablist" aria-label="Kubernetes">
        {TABS.map((t) => (
          <button
            key={t.id}
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'active' : ''}
            title={t.title}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <div className="kube-body">{body()}</div>
    </section>
  );
}
