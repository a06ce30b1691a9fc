/** The namespace's deployments with their replica counts, scale controls, expose and delete. */
import { api } from '../../api';
import type { KubeDeployment } from '../../../contract/kube';
import { confirm } from '../../components/ConfirmDialog';
import { useEffect, useRef } from 'react';
import { useKubeList } from '../../stores/kubeLists';
import { useKube } from '../../stores/kubeStore';
import { attempt } from '../../stores/toastStore';
import { ScaleControl } from './ScaleControl';

async function remove(context: string, d: KubeDeployment) {
  const answer = await confirm({
    title: `Delete deployment ${d.name}?`,
    message: `Its ${d.replicas} pod(s) in ${d.namespace} are deleted too.`,
    confirmLabel: 'Delete',
    danger: true,
  });
  if (answer.ok) {
    await attempt(`Delete ${d.name}`, () =>
      api.kube.deleteDeployment({ context, namespace: d.namespace, name: d.name }),
    );
  }
}

export function DeploymentList({
  context,
  namespace,
  onExpose,
}: {
  context: string;
  namespace: string;
  onExpose(d: KubeDeployment): void;
}) {
  const { items, loaded, error } = useKubeList('deployments', context, namespace);
  const list = [...items.values()].sort((a, b) => a.id.localeCompare(b.id));
  const deployed = useKube((s) => s.deployed);
  const isNew = (d: KubeDeployment) =>
    deployed?.context === context && deployed.namespace === d.namespace && deployed.name === d.name;
  const fresh = useRef<HTMLLIElement>(null);
  const arrived = list.some(isNew);
  useEffect(() => {
    if (arrived) fresh.current?.scrollIntoView({ block: 'nearest' });
  }, [arrived]);
  return (
    <div className="deployment-list">
      <h2>Deployments</h2>
      {error && <p className="bad-text">{error.message}</p>}
      {loaded && list.length === 0 && <p className="muted">No deployments{namespace ? ` in ${namespace}` : ''}.</p>}
      <ul>
        {list.map((d) => (
          <li
            key={d.id}
            ref={isNew(d) ? fresh : undefined}
            className={`deployment${isNew(d) ? ' just-deployed' : ''}`}
            data-testid="deployment"
            data-name={d.name}
            data-new={isNew(d) ? 'true' : undefined}
          >
            <div className="deployment-head">
              <strong>{d.name}</strong>
              {!namespace && <span className="muted">{d.namespace}</span>}
              <span className="muted" data-testid="deployment-ready">
                {d.ready}/{d.replicas} ready
              </span>
              <span className="spacer" />
              <button className="small link" aria-label={`Expose ${d.name}`} onClick={() => onExpose(d)}>
                Expose…
              </button>
              <button className="small link" aria-label={`Delete ${d.name}`} onClick={() => void remove(context, d)}>
                Delete
              </button>
            </div>
            <div className="muted ellipsis mono">{d.images.join(', ')}</div>
            <ScaleControl context={context} deployment={d} />
          </li>
        ))}
      </ul>
    </div>
  );
}
