/** Context and namespace pickers with the selected cluster's version or why it cannot be reached. */
import { useKube } from '../../stores/kubeStore';
import { useKubeList } from '../../stores/kubeLists';

function NamespacePicker({ context }: { context: string }) {
  const { items } = useKubeList('namespaces', context);
  const namespace = useKube((s) => s.namespace);
  const names = [...items.keys()].sort();
  if (namespace && !names.includes(namespace)) names.unshift(namespace);
  return (
    <select
      aria-label="Namespace"
      data-testid="kube-namespace"
      value={namespace}
      onChange={(e) => useKube.getState().setNamespace(e.target.value)}
    >
      <option value="">All namespaces</option>
      {names.map((n) => (
        <option key={n} value={n}>
          {n}
        </option>
      ))}
    </select>
  );
}

export function ContextBar() {
  const { contexts, context, select } = useKube();
  const status = useKube((s) => (s.context ? s.status[s.context] : undefined));
  const current = contexts.find((c) => c.name === context);
  let text = '';
  let cls = 'pending';
  if (status?.state === 'ok') {
    text = `Kubernetes ${status.status.version}`;
    cls = 'ok';
  } else if (status?.state === 'error') {
    text = status.error.code === 'cluster_unreachable' ? 'Unreachable' : status.error.message;
    cls = 'bad';
  } else if (status) text = 'Checking…';
  return (
    <div className="kube-contextbar">
      <label>
        <span className="muted">Context</span>
        <select
          aria-label="Context"
          data-testid="kube-context"
          value={context ?? ''}
          onChange={(e) => select(e.target.value)}
          disabled={contexts.length === 0}
        >
          {contexts.length === 0 && <option value="">No contexts</option>}
          {contexts.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.kind ? ' (kind)' : ''}
              {c.current ? ' •' : ''}
            </option>
          ))}
        </select>
      </label>
      {current?.kind && <span className="tag kind-tag">kind</span>}
      <span
        className="kube-status"
        data-testid="kube-status"
        data-state={status?.state ?? 'none'}
        title={current?.server}
      >
        <span className={`dot ${cls}`} aria-hidden /> {text}
      </span>
      {context && status?.state === 'ok' && <NamespacePicker context={context} />}
    </div>
  );
}
