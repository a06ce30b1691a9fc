/**
 * Each view's code is its own chunk, loaded when the view first opens: the page's first paint runs only the
 * shell and the view in the URL (main.tsx starts loading that one before React renders), and the other
 * views are fetched once its first rows are painted and the page is idle (main.tsx), so they neither compete
 * with the first snapshot nor make a later click wait for the network. A fetch of a view's code or
 * stylesheet that fails (a busy machine: seen in CI as "Unable to preload CSS") is tried again; a view whose
 * code still could not be had shows why in its place (components/ViewBoundary.tsx), and its Retry, or opening
 * the view again, fetches it afresh through a new lazy component (React.lazy keeps a failed load for good).
 */
import type { ComponentType, LazyExoticComponent } from 'react';
import { VIEWS, type ViewName } from '../stores/navStore';
import { lazyComponent, lazyPart, type LazyPart } from '../common/lazyPart';
import { whenIdle } from '../common/whenIdle';

type View = ComponentType;

const loaders: Record<ViewName, () => Promise<View>> = {
  dashboard: () => import('./dashboard/DashboardView').then((m) => m.DashboardView),
  containers: () => import('./containers/ContainersView').then((m) => m.ContainersView),
  images: () => import('./images/ImagesView').then((m) => m.ImagesView),
  volumes: () => import('./volumes/VolumesView').then((m) => m.VolumesView),
  networks: () => import('./networks/NetworksView').then((m) => m.NetworksView),
  compose: () => import('./compose/ComposeView').then((m) => m.ComposeView),
  kubernetes: () => import('./kubernetes/KubernetesView').then((m) => m.KubernetesView),
  disk: () => import('./disk/DiskUsageView').then((m) => m.DiskUsageView),
  settings: () => import('./settings/SettingsView').then((m) => m.SettingsView),
};

/** The detail pages that are chunks of their own, each fetched once (unless that failed) by its view's lazy part. */
const detailLoaders: Partial<Record<ViewName, () => Promise<unknown>>> = {
  containers: () => import('./containers/ContainersView').then((m) => m.containerDetail.load()),
  images: () => import('./images/ImagesView').then((m) => m.imageDetail.load()),
};

const parts = Object.fromEntries(VIEWS.map((v) => [v, lazyPart(loaders[v])])) as Record<ViewName, LazyPart<object>>;

/**
 * Starts loading a view's code (once, unless that failed), and its detail page's when `detail`; resolves with
 * the view's component once both are in. A detail page that could not be had is asked for again as it shows.
 */
export function loadView(view: ViewName, detail = false): Promise<View> {
  const code = parts[view].load();
  const page = detail ? detailLoaders[view]?.().catch(() => undefined) : undefined;
  return page ? Promise.all([code, page]).then(([c]) => c) : code;
}

const components = new Map<ViewName, LazyExoticComponent<View>>();

/** The view as a lazy component, which renders without suspending once its code is here (lazyComponent). */
export function viewComponent(view: ViewName): LazyExoticComponent<View> {
  let component = components.get(view);
  if (!component) components.set(view, (component = lazyComponent(parts[view])));
  return component;
}

/** After the view's code failed to load: the next viewComponent is a new lazy component, which fetches afresh. */
export function forgetView(view: ViewName): void {
  if (!parts[view].loaded()) components.delete(view);
}

/**
 * Loads every view's code, and its detail page's, one view after another while the page has nothing else to
 * do (after the first rows: main.tsx).
 */
export function preloadViewsWhenIdle(page: Window): void {
  const idle = (f: () => void) => whenIdle(f, 5000, page);
  const next = (i: number) => {
    const view = VIEWS[i];
    if (!view) return;
    // A view that fails to load here is tried again when it opens; the page has nothing to say about it.
    idle(
      () =>
        void loadView(view, true).then(
          () => next(i + 1),
          () => next(i + 1),
        ),
    );
  };
  next(0);
}
