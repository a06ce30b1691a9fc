import { useNav, VIEWS, type ViewName } from '../stores/navStore';

/** Each view's name, as the sidebar and the command palette show it. */
export const VIEW_LABELS: Record<ViewName, string> = {
  dashboard: 'Dashboard',
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  compose: 'Compose',
  kubernetes: 'Kubernetes',
  disk: 'Disk usage',
  settings: 'Settings',
};
const ICONS: Record<ViewName, string> = {
  dashboard: '◎',
  containers: '▣',
  images: '◫',
  volumes: '⛁',
  networks: '⇄',
  compose: '☰',
  kubernetes: '⎈',
  disk: '◔',
  settings: '⚙',
};

export function Sidebar() {
  const { view, go } = useNav();
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark">⚓</span> Berth
      </div>
      <ul>
        {VIEWS.map((v, i) => (
          <li key={v}>
            <button
              className={v === view ? 'nav-item active' : 'nav-item'}
              aria-current={v === view ? 'page' : undefined}
              title={`${VIEW_LABELS[v]} (Ctrl+${i + 1})`}
              onClick={() => go(v)}
            >
              <span className="nav-icon" aria-hidden>
                {ICONS[v]}
              </span>
              {VIEW_LABELS[v]}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
