/**
 * The renderer's entry point. It imports itself only what asks for the first rows — the client, the stores of
 * the lists the view in the URL shows, the views' loaders — and, first of all, shellCode.ts, which asks for
 * React's DOM renderer and the app shell before the rest of this chunk is evaluated. Then the socket opens,
 * the view's lists are asked for (before anything else goes over the socket) and its code is fetched; the
 * engine, tasks and settings are followed. React renders once the shell's and the view's code are both in, so
 * the first render does not suspend (React shows a suspended view's content no sooner than 300 ms after its
 * fallback). Once the first view is on screen with its first rows painted, the shell's other parts and the
 * other views' code are fetched while the page is idle. If the renderer or the shell cannot be fetched even
 * after retries, the page says so, with a Reload button.
 */
// First: it starts fetching React's DOM renderer and the shell before the modules below are evaluated.
import { shellCode } from './shellCode';
import { StrictMode } from 'react';
import { connectApi } from './api';
import { connectStores } from './stores/connect';
import { listsAnswered, subscribeEarly } from './stores/earlyLists';
import { detailInUrl, viewInUrl } from './stores/navStore';
import { loadView, preloadViewsWhenIdle } from './views/viewLoaders';
import './styles.css';

/** The longest the other code waits for the first rows (a list that never answers, a page in the background). */
const FIRST_ROWS_MAX_MS = 10_000;
/** The longest React's first render (the sidebar, the status bar) waits for the view's code. */
const VIEW_CODE_MAX_MS = 2_000;

/** `work`, or nothing once `ms` have passed without it. */
const atMost = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise<void>((resolve) => setTimeout(resolve, ms))]);

const client = connectApi();
const view = viewInUrl(window);
subscribeEarly(view);
// React's first render waits for the view's code too (above), though no longer than VIEW_CODE_MAX_MS: a view
// whose code is slow to come shows its fallback meanwhile, and one whose code cannot be had shows why in its
// place (ViewBoundary).
const viewCode = atMost(
  loadView(view, detailInUrl(window)).catch(() => undefined),
  VIEW_CODE_MAX_MS,
);
connectStores(client, window);

let shown!: () => void;
const viewShown = new Promise<void>((resolve) => (shown = resolve));
/** The frame after this one is painted. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
const firstRowsPainted = atMost(Promise.all([viewShown, listsAnswered(view)]).then(painted), FIRST_ROWS_MAX_MS);

/** The shell's code could not be fetched, retries and all: says so in plain DOM (no React) with a Reload button. */
function showLoadFailure(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const box = document.createElement('div');
  box.className = 'empty-state';
  box.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = 'Berth could not load its window. Reload to try again.';
  const reload = document.createElement('button');
  reload.type = 'button';
  reload.textContent = 'Reload';
  reload.addEventListener('click', () => location.reload());
  box.append(text, reload);
  root.replaceChildren(box);
}

Promise.all([shellCode, viewCode])
  .then(([[{ createRoot }, { App, preloadShell }]]) => {
    createRoot(document.getElementById('root') as HTMLElement).render(
      <StrictMode>
        <App onShown={shown} />
      </StrictMode>,
    );
    void firstRowsPainted.then(() => {
      preloadShell();
      preloadViewsWhenIdle(window);
    });
  })
  .catch(showLoadFailure);
