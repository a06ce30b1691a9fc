/**
 * The app shell: the sidebar, the view in the URL (in a boundary that shows why, should it fail to load or
 * stop: components/ViewBoundary.tsx), the status bar, toasts and the confirmation dialog — what
 * the first paint needs — and the parts it does without until they open: the command palette, the task
 * center, the engine picker and the first-run checklist, each its own chunk (common/lazyPart.ts), fetched
 * once the first rows are painted (`preloadShell`, called by main.tsx) or when first opened. What opens them
 * stays here, so it works before their code is in: Ctrl/Cmd+K toggles the palette, Ctrl/Cmd+1..9 switch
 * views, the first launch opens the checklist. A part whose code cannot be fetched closes again with a toast
 * saying so (components/partFailed.ts), so opening it again fetches afresh. `onShown` is called once the
 * first view is on screen.
 */
import { Suspense, useEffect, useMemo, useState } from 'react';
import { isDesktop } from './api';
import { Sidebar } from './components/Sidebar';
import { StatusBar } from './components/StatusBar';
import { Toasts } from './components/Toasts';
import { ConfirmDialog } from './components/ConfirmDialog';
import { lazyPart, useLazyPart } from './common/lazyPart';
import { partFailed } from './components/partFailed';
import { closeEnginePicker, useEngine } from './stores/engineStore';
import { useNav, VIEWS, type ViewName } from './stores/navStore';
import { closeFirstRun, openFirstRun, useSettings } from './stores/settingsStore';
import { useTasks } from './stores/tasksStore';
import { forgetView, viewComponent } from './views/viewLoaders';
import { ViewBoundary } from './components/ViewBoundary';
import { VIEW_LABELS } from './components/Sidebar';

const palette = lazyPart(() => import('./components/palette/CommandPalette').then((m) => m.CommandPalette));
const taskCenter = lazyPart(() => import('./components/TaskCenter').then((m) => m.TaskCenter));
const enginePicker = lazyPart(() => import('./components/EnginePicker').then((m) => m.EnginePicker));
const firstRun = lazyPart(() => import('./components/FirstRun').then((m) => m.FirstRun));

// What each part does when its code cannot be fetched: it closes again (its flag reset) and a toast says so.
const taskCenterFailed = partFailed('task center', () => useTasks.getState().setOpen(false));
const enginePickerFailed = partFailed('engine picker', closeEnginePicker);
const firstRunFailed = partFailed('first-run checklist', closeFirstRun);

/** Fetches the code of the parts the first paint did without, the palette first (Ctrl+K opens it at once then). */
export function preloadShell(): void {
  // A part that cannot be fetched now is tried again when it opens.
  for (const part of [palette, taskCenter, enginePicker, firstRun]) part.load().catch(() => {});
}

/**
 * The page was opened at Berth's front door, not at a view (a bookmark or a link to one): in a browser tab
 * the checklist opens by itself only then, so it never covers what a link was meant to show.
 */
const openedAtFrontDoor = !location.hash.replace(/^#\/?/, '');

export function App({ onShown }: { onShown?: () => void }) {
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
  return (
    <div className="app">
      <Sidebar />
      <main className="content">
        <ViewBoundary view={view} label={VIEW_LABELS[view]} onError={() => forgetView(view)}>
          {() => <OpenView view={view} onShown={onShown} />}
        </ViewBoundary>
      </main>
      <TaskCenterPart />
      <StatusBar />
      <Toasts />
      <EnginePickerPart />
      <ConfirmDialog />
      <FirstRunPart />
      <PalettePart />
    </div>
  );
}

/** The view in its Suspense, with what tells the entry point it is on screen. */
function OpenView({ view, onShown }: { view: ViewName; onShown: (() => void) | undefined }) {
  const View = viewComponent(view);
  return (
    <Suspense fallback={<section className="view" aria-busy="true" />}>
      <View />
      <Shown onShown={onShown} />
    </Suspense>
  );
}

/** Beside the view in its Suspense: its effect runs once the view (not the fallback) is on screen. */
function Shown({ onShown }: { onShown: (() => void) | undefined }) {
  useEffect(() => onShown?.(), [onShown]);
  return null;
}

function PalettePart() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const paletteFailed = useMemo(() => partFailed('command palette', () => setOpen(false)), []);
  const CommandPalette = useLazyPart(palette, open, paletteFailed);
  return CommandPalette ? <CommandPalette open={open} onClose={() => setOpen(false)} /> : null;
}

function TaskCenterPart() {
  const open = useTasks((s) => s.open);
  const TaskCenter = useLazyPart(taskCenter, open, taskCenterFailed);
  return TaskCenter ? <TaskCenter /> : null;
}

function EnginePickerPart() {
  const open = useEngine((s) => s.pickerOpen);
  const EnginePicker = useLazyPart(enginePicker, open, enginePickerFailed);
  return EnginePicker ? <EnginePicker /> : null;
}

function FirstRunPart() {
  const firstRunDone = useSettings((s) => s.snapshot?.values.firstRunDone);
  useEffect(() => {
    if (firstRunDone === false && (isDesktop() || openedAtFrontDoor)) openFirstRun();
  }, [firstRunDone]);
  const open = useSettings((s) => s.firstRunOpen);
  const FirstRun = useLazyPart(firstRun, open, firstRunFailed);
  return FirstRun ? <FirstRun /> : null;
}
