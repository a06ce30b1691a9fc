export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 10 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatAgo(epochSeconds: number, now = Date.now()): string {
  const s = Math.max(0, Math.floor(now / 1000 - epochSeconds));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** Cores as Kubernetes people write them: millicores below one core ("250m"), else cores ("1.5"). */
export function formatCores(cores: number): string {
  if (!Number.isFinite(cores)) return '—';
  if (cores === 0) return '0';
  if (cores < 1) return `${Math.round(cores * 1000)}m`;
  return String(Math.round(cores * 100) / 100);
}

/** Bytes in binary units, as Kubernetes shows memory: "64 MiB", "31.3 GiB". */
export function formatBinaryBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 10 || i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** A duration as Docker words it (its units.HumanDuration): "Less than a second", "About a minute", "3 hours". */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

const STATUS_PARTS = /^(Up|Exited \(-?\d+\)|Restarting \(-?\d+\)) (.+?)( ago)?( \(.+\))?$/;

/**
 * A container's status as of `now`: the engine's words ("Up 5 seconds (healthy)") with the duration counted
 * from `since`, the time the state began. Without `since` the engine's words as they were.
 */
export function liveStatus(status: string, since: number | undefined, now: number): string {
  if (since === undefined) return status;
  const m = STATUS_PARTS.exec(status.trim());
  if (!m) return status;
  return `${m[1]} ${humanDuration(Math.max(0, now - since))}${m[3] ?? ''}${m[4] ?? ''}`;
}

/** How often a time `age` ms old needs repainting for its words to stay right. */
export const refreshEvery = (ageMs: number): number => (ageMs < 60_000 ? 1000 : ageMs < 3_600_000 ? 15_000 : 60_000);
