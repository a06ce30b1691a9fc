/**
 * What the connected engine's API version allows. Berth sends unversioned requests, so each engine answers
 * in its own newest version (20.10: 1.41, 29: 1.56); a few newer query parameters are only sent where they
 * are known (older engines ignore unknown ones, but other Docker-compatible engines may not).
 */
import type { EngineConnection } from './connection';

/** `1.41` < `1.47` < `1.100`: compares dotted numbers part by part. */
export function apiAtLeast(version: string | undefined, wanted: string): boolean {
  if (!version) return false;
  const a = version.split('.').map(Number);
  const b = wanted.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x)) return false;
    if (x !== y) return x > y;
  }
  return true;
}

/** `GET /images/json?manifests=1` (API 1.47, Engine 28): each image's platform manifests and attestations. */
export const listsManifests = (engine: Pick<EngineConnection, 'current'>): boolean =>
  apiAtLeast(engine.current.apiVersion, '1.47');

/** `GET /images/{name}/json?manifests=1` (API 1.48). */
export const inspectsManifests = (engine: Pick<EngineConnection, 'current'>): boolean =>
  apiAtLeast(engine.current.apiVersion, '1.48');
