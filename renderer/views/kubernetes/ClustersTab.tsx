/** Every kubeconfig context (reachability, switch) and the local kind clusters (create, delete). */
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api';
import { ApiError } from '../../../contract/apiError';
import { toApiError } from '../../common/apiError';
import type { KindCluster } from '../../../contract/kube';
import { confirm } from '../../components/ConfirmDialog';
import { useKube } from '../../stores/kubeStore';
import { useEngine } from '../../stores/engineStore';
import { attempt } from '../../stores/toastStore';
import { useTasks } from '../../stores/tasksStore';
import { KindCreateDialog } from './KindCreateDialog';
import { KindInstallHelp } from './KindInstallHelp';
import { authLabel, INSECURE_WARNING } from './contextAuth';

function Contexts({ onUse }: { onUse(): void }) {
  const { contexts, context, status, select, checkStatus } = useKube();
  return (
    <table className="kube-plain" data-testid="kube-contexts">
      <thead>
        <tr>
          <th>Context</th>
          <th>Server</th>
          <th>Auth</th>
          <th>Status</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {contexts.map((c) => {
          const s = status[c.name];
          return (
            <tr key={c.name} className={c.name === context ? 'selected' : ''} data-context={c.name}>
              <td>
                <span className="mono">{c.name}</span> {c.kind && <span className="tag kind-tag">kind</span>}
                {c.current && <span className="muted"> (current)</span>}
              </td>
              <td className="mono">
                {c.server ?? ''}
                {c.proxyUrl && <span className="muted"> via {c.proxyUrl}</span>}
              </td>
              <td>
                {authLabel(c)}
                {c.insecure && (
                  <span className="tag warn insecure-tag" data-testid="kube-insecure" title={INSECURE_WARNING}>
                    TLS not verified
                  </span>
                )}
              </td>
              <td data-testid="kube-context-status" data-state={s?.state ?? 'none'}>
                {!s ? (
                  <button className="small link" onClick={() => void checkStatus(c.name)}>
                    Check
                  </button>
                ) : s.state === 'ok' ? (
                  <span className="ok-text">{s.status.version}</span>
                ) : s.state === 'error' ? (
                  <span className="bad-text">
                    {s.error.message}
                    {s.error.hint && <span className="muted hint"> {s.error.hint}</span>}
                  </span>
                ) : (
                  'Checking…'
                )}
              </td>
              <td>
                <button
                  className="small"
                  onClick={() => {
                    select(c.name);
                    onUse();
                  }}
                >
                  Use
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function useKindClusters() {
  const [clusters, setClusters] = useState<KindCluster[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const load = useCallback(() => {
    api.kube
      .kindClusters()
      .then((c) => {
        setClusters(c);
        setError(undefined);
      })
      .catch((e: unknown) => setError(toApiError(e)));
  }, []);
  // Reload when a kind task finishes.
  const finished = useTasks(
    (s) => [...s.tasks.values()].filter((t) => t.kind.startsWith('kind.') && t.state !== 'running').length,
  );
  useEffect(() => {
    load();
    void useKube.getState().refresh();
  }, [load, finished]);
  return { clusters, error, load };
}

export function ClustersTab({ onUse }: { onUse(): void }) {
  const { clusters, error } = useKindClusters();
  const [creating, setCreating] = useState(false);
  const remove = async (name: string) => {
    const answer = await confirm({
      title: `Delete kind cluster ${name}?`,
      message:
        "Its node containers, everything running in the cluster and its kubeconfig context are removed (and kind's docker network once no cluster uses it). This cannot be undone.",
      confirmLabel: 'Delete cluster',
      danger: true,
    });
    if (answer.ok) await attempt(`Delete ${name}`, () => api.kube.kindDelete({ name }));
  };
  // kind runs its nodes as containers on the engine and maps their API servers to this machine's loopback.
  const engine = useEngine((s) => s.engine);
  const remote = engine?.local === false;
  return (
    <div className="kube-clusters">
      <h2>Contexts</h2>
      <Contexts onUse={onUse} />
      <div className="toolbar">
        <h2>kind clusters</h2>
        <span className="spacer" />
        <button
          className="primary"
          onClick={() => setCreating(true)}
          disabled={error?.code === 'tool_missing' || remote}
          title={remote ? 'kind needs a Docker engine on this machine' : undefined}
        >
          Create a kind cluster…
        </button>
      </div>
      {remote && (
        <p className="muted" data-testid="kind-needs-local-engine">
          kind needs a Docker engine on this machine: it runs its nodes as containers there and maps their API servers
          to this machine&apos;s loopback. Berth is connected to {engine.endpoint}; choose a local engine in the status
          bar to create kind clusters.
        </p>
      )}
      {error?.code === 'tool_missing' ? (
        <KindInstallHelp error={error} />
      ) : error ? (
        <p className="bad-text">{error.message}</p>
      ) : !clusters ? (
        <p className="muted">Loading…</p>
      ) : clusters.length === 0 ? (
        <p className="muted">No kind clusters yet.</p>
      ) : (
        <ul className="kind-clusters" data-testid="kind-clusters">
          {clusters.map((c) => (
            <li key={c.name} data-name={c.name}>
              <strong>{c.name}</strong> <span className="muted">context {c.context}</span>
              <span className="spacer" />
              <button
                className="small danger"
                aria-label={`Delete kind cluster ${c.name}`}
                onClick={() => void remove(c.name)}
              >
                Delete
              </button>
              <ul>
                {c.nodes.map((n) => (
                  <li key={n.containerId} className="muted">
                    <span className="mono">{n.name}</span> · {n.role} · {n.state} · {n.image}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <KindCreateDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
