/** Which view is open; kept in the URL hash so a reload (and a test) lands on the same place. */
import { create } from 'zustand';

export const VIEWS = [
  'dashboard',
  'containers',
  'images',
  'volumes',
  'networks',
  'compose',
  'kubernetes',
  'disk',
  'settings',
] as const;
export type ViewName = (typeof VIEWS)[number];

interface Nav {
  view: ViewName;
  /** The detail opened inside the view, e.g. a container id. */
  detail: string | undefined;
  go(view: ViewName, detail?: string): void;
}

const parse = (hash: string): Pick<Nav, 'view' | 'detail'> => {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const v = (VIEWS as readonly string[]).includes(view ?? '') ? (view as ViewName) : 'dashboard';
  return { view: v, detail: rest.length ? decodeURIComponent(rest.join('/')) : undefined };
};

export const useNav = create<Nav>()((set) => ({
  view: 'dashboard',
  detail: undefined,
  go: (view, detail) => {
    const hash = `#/${view}${detail ? `/${encodeURIComponent(detail)}` : ''}`;
    if (location.hash !== hash) history.pushState(null, '', hash + '');
    set({ view, detail });
  },
}));

/** The view the page's URL names, as connectNav takes it: the entry point asks for its lists before that. */
export const viewInUrl = (page: Window): ViewName => parse(page.location.hash).view;
/** Whether the URL names a detail inside its view (a container's page). */
export const detailInUrl = (page: Window): boolean => parse(page.location.hash).detail !== undefined;

/** Takes the view from the page's URL now and on back/forward; returns the function that stops. */
export function connectNav(page: Window): () => void {
  const sync = () => useNav.setState(parse(page.location.hash));
  sync();
  page.addEventListener('popstate', sync);
  return () => page.removeEventListener('popstate', sync);
}
