/**
 * The views the native menu and tray can switch to, with their shortcuts. Mirrors the renderer's VIEWS
 * (renderer/stores/navStore.ts), which ignores a name it does not know; 'first-run' opens the checklist.
 */
export const MENU_VIEWS = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'containers', label: 'Containers' },
  { view: 'images', label: 'Images' },
  { view: 'volumes', label: 'Volumes' },
  { view: 'networks', label: 'Networks' },
  { view: 'compose', label: 'Compose' },
  { view: 'kubernetes', label: 'Kubernetes' },
  { view: 'disk', label: 'Disk usage' },
  { view: 'settings', label: 'Settings' },
] as const;

export const FIRST_RUN_VIEW = 'first-run';
