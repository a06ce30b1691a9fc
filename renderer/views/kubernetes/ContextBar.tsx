/** Context and namespace pickers with the selected cluster's version or why it cannot be reached. */
import { useKube, type ContextStatus } from '../../stores/kubeStore';
import { useKubeList } from '../../stores/kubeLists';
import { INSECURE_WARNING } from './contextAuth';

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

const reachability = (status: ContextStatus | undefined): string =>
  status?.state === 'error' ? ' — unreachable' : status?.state === 'checking' ? ' — checking…' : '';

export function ContextBar() {
  const { contexts, context, select, loaded } = useKube();
  const statuses = useKube((s) => s.status);
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
  else if (!loaded) text = 'Reading the kubeconfig…';
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
          data-loaded={loaded ? 'true' : 'false'}
        >
          {contexts.length === 0 && <option value="">{loaded ? 'No contexts' : 'Loading contexts…'}</option>}
          {contexts.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.kind ? ' (kind)' : ''}
              {c.current ? ' •' : ''}
              {c.name === context ? '' : reachability(statuses[c.name])}
            </option>
          ))}
        </select>
      </label>
      {current?.kind && <span className="tag kind-tag">kind</span>}
      {current?.insecure && (
        <span className="tag warn insecure-tag" data-testid="kube-insecure-current" title={INSECURE_WARNING}>
          TLS not verified
        </span>
      )}
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
