/** The cluster map next to the namespace's deployments, with deploy, apply, expose and the pods' menus. */
import { useCallback, useState } from 'react';
import { useKube } from '../../stores/kubeStore';
import { useKubeListItem } from '../../stores/kubeLists';
import type { KubeDeployment } from '../../../contract/kube';
import { ClusterMap } from './ClusterMap';
import { DeploymentList } from './DeploymentList';
import { DeployDialog } from './DeployDialog';
import { ApplyDialog } from './ApplyDialog';
import { ExposeDialog } from './ExposeDialog';
import { PodDetail } from './PodDetail';
import { PodMenu, type PodView } from './PodMenu';

export function MapTab({ context }: { context: string }) {
  const namespace = useKube((s) => s.namespace);
  const [dialog, setDialog] = useState<'deploy' | 'apply' | undefined>();
  const [expose, setExpose] = useState<KubeDeployment | undefined>();
  const [pod, setPod] = useState<{ id: string; view: PodView } | undefined>();
  const [menu, setMenu] = useState<{ id: string; x: number; y: number } | undefined>();
  const menuPod = useKubeListItem('pods', context, namespace, menu?.id);
  const openPod = useCallback((id: string) => setPod({ id, view: 'Overview' }), []);
  const openMenu = useCallback((id: string, x: number, y: number) => setMenu({ id, x, y }), []);
  const closeMenu = useCallback(() => setMenu(undefined), []);
  if (pod) {
    return <PodDetail context={context} id={pod.id} initialTab={pod.view} onBack={() => setPod(undefined)} />;
  }
  return (
    <div className="kube-map-layout">
      <ClusterMap context={context} namespace={namespace} onOpenPod={openPod} onPodMenu={openMenu} />
      <aside className="kube-side">
        <div className="kube-side-actions">
          <button className="primary" onClick={() => setDialog('deploy')}>
            Deploy an image…
          </button>
          <button onClick={() => setDialog('apply')}>Apply YAML…</button>
        </div>
        <DeploymentList context={context} namespace={namespace} onExpose={setExpose} />
      </aside>
      {menu && menuPod && (
        <PodMenu
          context={context}
          pod={menuPod}
          x={menu.x}
          y={menu.y}
          onOpen={(view) => setPod({ id: menuPod.id, view })}
          onClose={closeMenu}
        />
      )}
      <DeployDialog context={context} open={dialog === 'deploy'} onClose={() => setDialog(undefined)} />
      <ApplyDialog context={context} open={dialog === 'apply'} onClose={() => setDialog(undefined)} />
      <ExposeDialog context={context} deployment={expose} onClose={() => setExpose(undefined)} />
    </div>
  );
}
