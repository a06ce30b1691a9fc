/** The four kinds of disk usage, as the Disk usage view names them, and the prune choices of each. */
import type { DiskUsageKind } from '../../../contract/diskUsage';

export const KIND_LABEL: Record<DiskUsageKind, string> = {
  images: 'Images',
  containers: 'Containers',
  volumes: 'Volumes',
  buildCache: 'Build cache',
};

export const MODES: Record<DiskUsageKind, Array<{ value: string; label: string }>> = {
  images: [
    { value: 'dangling', label: 'Dangling images (untagged, used by no container)' },
    { value: 'unused', label: 'All unused images (tagged too, used by no container)' },
  ],
  containers: [{ value: '', label: 'Stopped containers' }],
  volumes: [
    { value: 'anonymous', label: 'Anonymous volumes no container uses' },
    { value: 'all', label: 'All volumes no container uses (named ones too)' },
  ],
  buildCache: [
    { value: 'dangling', label: 'Dangling build cache (what `docker builder prune` removes)' },
    { value: 'all', label: 'All build cache not in use (`--all`)' },
  ],
};
