/**
 * A container's status that keeps counting ("Up 5 seconds", then "Up 6 seconds", ...): rendered from the
 * time its state began, repainted as often as its words can change (each second in the first minute).
 */
import { liveStatus, refreshEvery } from '../common/format';
import { useClock } from './useClock';

export function LiveStatus({ status, since, fallback }: { status: string; since?: number; fallback?: string }) {
  const period = since === undefined ? 3_600_000 : refreshEvery(Date.now() - since);
  const now = useClock(period);
  return <>{status ? liveStatus(status, since, now) : fallback}</>;
}

/** "5m ago" that keeps counting. */
export function LiveAgo({
  epochSeconds,
  format,
}: {
  epochSeconds: number;
  format(epochSeconds: number, now: number): string;
}) {
  const now = useClock(refreshEvery(Date.now() - epochSeconds * 1000));
  return <>{format(epochSeconds, now)}</>;
}
