import { useEffect } from 'react';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { TaskCenter } from './components/TaskCenter';
import { Toasts } from './components/Toasts';
import { ConfirmDialog } from './components/ConfirmDialog';
import { EnginePicker } from './components/EnginePicker';
import { FirstRun } from './components/FirstRun';
import { useNav, VIEWS, type ViewName } from './stores/navStore';
import { DashboardView } from './views/dashboard/DashboardView';
import { ContainersView } from './views/containers/ContainersView';
import { ImagesView } from './views/images/ImagesView';
import { VolumesView } from './views/volumes/VolumesView';
import { NetworksView } from './views/networks/NetworksView';
import { ComposeView } from './views/compose/ComposeView';
import { KubernetesView } from './views/kubernetes/KubernetesView';
import { SettingsView } from './views/settings/SettingsView';
import { DiskUsageView } from './views/disk/DiskUsageView';

const VIEW_COMPONENTS: Record<ViewName, () => React.JSX.Element> = {
  dashboard: DashboardView,
  containers: ContainersView,
  images: ImagesView,
  volumes: VolumesView,
  networks: NetworksView,
  compose: ComposeView,
  kubernetes: KubernetesView,
  disk: DiskUsageView,
  settings: SettingsView,
};

export function App() {
  const view = useNav((s) => s.view);
  const go = useNav((s) => s.go);
  useEffect(() => {
    // Ctrl/Cmd+1..9 switch views.
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const i = Number(e.key) - 1;
      const target = VIEWS[i];
      if (target) {
        e.preventDefault();
        go(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
  const View = VIEW_COMPONENTS[view];
  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <View />
      </main>
      <TaskCenter />
      <StatusBar />
      <Toasts />
      <EnginePicker />
      <ConfirmDialog />
      <FirstRun />
    </div>
  );
}
