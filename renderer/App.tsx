import { Suspense, useEffect } from 'react';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { TaskCenter } from './components/TaskCenter';
import { Toasts } from './components/Toasts';
import { ConfirmDialog } from './components/ConfirmDialog';
import { EnginePicker } from './components/EnginePicker';
import { FirstRun } from './components/FirstRun';
import { CommandPalette } from './components/palette/CommandPalette';
import { useNav, VIEWS } from './stores/navStore';
import { VIEW_COMPONENTS, preloadViewsWhenIdle } from './views/viewLoaders';

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
  // The other views' code, fetched once this one is on screen.
  useEffect(() => preloadViewsWhenIdle(window), []);
  const View = VIEW_COMPONENTS[view];
  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <Suspense fallback={<section className="view" aria-busy="true" />}>
          <View />
        </Suspense>
      </main>
      <TaskCenter />
      <StatusBar />
      <Toasts />
      <EnginePicker />
      <ConfirmDialog />
      <FirstRun />
      <CommandPalette />
    </div>
  );
}
