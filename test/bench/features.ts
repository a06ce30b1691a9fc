/** What the contract and renderer offer right now: the optional measurements depend on it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { api } from '../../contract/api';
import { ROOT } from './bridge';

const has = (domain: object, method: string): boolean => Object.prototype.hasOwnProperty.call(domain, method);

export const hasContainerLogs = (): boolean => has(api.containers, 'logs');
export const hasComposeUp = (): boolean => has(api.compose, 'up');
export const hasKubeScale = (): boolean =>
  has(api.kube, 'scale') && Object.keys(api.kube).some((m) => /pods|watch/i.test(m));
export const kubeClusterScript = (): string | undefined => {
  const p = join(ROOT, 'test', 'kube-cluster', 'start.sh');
  return existsSync(p) ? p : undefined;
};

/** Whether any file of the containers view mentions a Logs tab. */
export function hasLogsView(): boolean {
  const dir = join(ROOT, 'renderer', 'views', 'containers');
  return readdirSync(dir).some((f) => /log/i.test(f) || /['"`>]Logs['"`<]/.test(readFileSync(join(dir, f), 'utf8')));
}
