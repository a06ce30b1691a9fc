/** The cluster map next to the namespace's deployments, with deploy and apply. */
import { useState } from 'react';
import { useKube } from '../../stores/kubeStore';
import { ClusterMap } from './ClusterMap';
import { DeploymentList } from './DeploymentList';
import { DeployDialog } from './DeployDialog';
import { ApplyDialog } from './ApplyDialog';
import { PodDetail } from './PodDetail';

export function MapTab({ context }: { context: string }) {
  const namespace = useKube((s) => s.namespace);
  const [dialog, setDialog] = useState<'deploy' | 'apply' | undefined>();
  const [pod, setPod] = useState<string | undefined>();
  if (pod) return <PodDetail context={context} id={pod} onBack={() => setPod(undefined)} />;
  return (
    <div className="kube-map-layout">
      <ClusterMap context={context} namespace={namespace} onOpenPod={setPod} />
      <aside className="kube-side">
        <div className="kube-side-actions">
          <button className="primary" onClick={() => setDialog('deploy')}>
            Deploy an image…
          </button>
          <button onClick={() => setDialog('apply')}>Apply YAML…</button>
        </div>
        <DeploymentList context={context} namespace={namespace} />
      </aside>
      <DeployDialog context={context} open={dialog === 'deploy'} onClose={() => setDialog(undefined)} />
      <ApplyDialog context={context} open={dialog === 'apply'} onClose={() => setDialog(undefined)} />
    </div>
  );
}
