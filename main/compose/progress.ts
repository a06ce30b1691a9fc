/**
 * Reads compose's output, v1 ("Creating app_web_1 ... done") or v2 (" Container app-web-1  Started"),
 * into per-service progress: which service is pulling, building, creating, starting, done or failed.
 */

export interface ServiceProgress {
  service: string;
  status: string;
  /** This service reached the end of what the command does to it. */
  done: boolean;
  failed: boolean;
}

/** The service a container name belongs to: `<project>_<service>_<n>` (v1) or `<project>-<service>-<n>` (v2). */
export function serviceOfContainer(name: string, project: string, services: readonly string[]): string | undefined {
  if (services.includes(name)) return name;
  for (const sep of ['_', '-']) {
    const prefix = `${project}${sep}`;
    if (!name.startsWith(prefix)) continue;
    const middle = name.slice(prefix.length).replace(/[-_]\d+$/, '');
    if (services.includes(middle)) return middle;
  }
  return undefined;
}

const V1_VERB: Record<string, [working: string, done: string]> = {
  Creating: ['creating', 'running'],
  Recreating: ['recreating', 'running'],
  Starting: ['starting', 'running'],
  Restarting: ['restarting', 'running'],
  Stopping: ['stopping', 'stopped'],
  Removing: ['removing', 'removed'],
  Killing: ['killing', 'killed'],
  Pulling: ['pulling', 'pulled'],
  Pausing: ['pausing', 'paused'],
  Unpausing: ['unpausing', 'running'],
};

const V2_VERB: Record<string, [status: string, done: boolean]> = {
  Creating: ['creating', false],
  Created: ['created', false],
  Recreate: ['recreating', false],
  Recreated: ['created', false],
  Starting: ['starting', false],
  Started: ['running', true],
  Running: ['running', true],
  Waiting: ['waiting', false],
  Healthy: ['healthy', false],
  Restarting: ['restarting', false],
  Restarted: ['running', true],
  Stopping: ['stopping', false],
  Stopped: ['stopped', true],
  Removing: ['removing', false],
  Removed: ['removed', true],
  Killing: ['killing', false],
  Killed: ['killed', true],
  Pulling: ['pulling', false],
  Pulled: ['pulled', true],
  Building: ['building', false],
  Built: ['built', false],
  Skipped: ['skipped', true],
  Error: ['error', true],
};

const V1_ACTION = new RegExp(`^(${Object.keys(V1_VERB).join('|')})\\s+(\\S+)\\s+\\.\\.\\.\\s*(done|error)?\\s*$`);
const V1_PULL_UP = /^Pulling (\S+) \(.*\)\.\.\.$/;
const V1_BUILD = /^Building (\S+)$/;
const V1_UP_TO_DATE = /^(\S+) is up-to-date$/;
const V2_ACTION = new RegExp(`^(?:Container|Service)?\\s*(\\S+)\\s+(${Object.keys(V2_VERB).join('|')})\\b`);
const BUILDKIT_STEP = /^#\d+ \[([^\s\]]+)[\s\]]/;

/** One output line → what it says about a service, if anything. */
export function progressOf(raw: string, project: string, services: readonly string[]): ServiceProgress | undefined {
  // Newer v2 releases lead with a status glyph (✔, ✘, ⠿) even in plain output.
  const line = raw.trim().replace(/^[^\p{L}\p{N}#]+/u, '');
  const svc = (name: string) => serviceOfContainer(name, project, services);
  let m = V1_ACTION.exec(line);
  if (m) {
    const service = svc(m[2] as string);
    const verb = V1_VERB[m[1] as string];
    if (!service || !verb) return undefined;
    if (m[3] === 'error') return { service, status: 'error', done: true, failed: true };
    return m[3] === 'done'
      ? { service, status: verb[1], done: true, failed: false }
      : { service, status: verb[0], done: false, failed: false };
  }
  if ((m = V1_PULL_UP.exec(line))) {
    const service = svc(m[1] as string);
    return service ? { service, status: 'pulling', done: false, failed: false } : undefined;
  }
  if ((m = V1_BUILD.exec(line))) {
    const service = svc(m[1] as string);
    return service ? { service, status: 'building', done: false, failed: false } : undefined;
  }
  if ((m = V1_UP_TO_DATE.exec(line))) {
    const service = svc(m[1] as string);
    return service ? { service, status: 'running', done: true, failed: false } : undefined;
  }
  if ((m = V2_ACTION.exec(line))) {
    const service = svc(m[1] as string);
    const verb = V2_VERB[m[2] as string];
    if (!service || !verb) return undefined;
    return { service, status: verb[0], done: verb[1], failed: verb[0] === 'error' };
  }
  if ((m = BUILDKIT_STEP.exec(line))) {
    const service = svc(m[1] as string);
    return service ? { service, status: 'building', done: false, failed: false } : undefined;
  }
  return undefined;
}

const FRACTION: Record<string, number> = {
  waiting: 0,
  pulling: 0.1,
  pulled: 0.25,
  building: 0.3,
  built: 0.45,
  creating: 0.5,
  recreating: 0.5,
  created: 0.65,
  starting: 0.8,
  healthy: 0.9,
  stopping: 0.5,
  removing: 0.5,
  restarting: 0.5,
  killing: 0.5,
};

/** How far along a service is, 0..1. */
export const fractionOf = (p: Pick<ServiceProgress, 'status' | 'done'>): number =>
  p.done ? 1 : (FRACTION[p.status] ?? 0.5);
