/**
 * The kubeconfig check: the same files the Kubernetes view reads (main/common/kubeconfigFiles: the
 * BERTH_KUBECONFIG file, else KUBECONFIG's files, else ~/.kube/config), their contexts and current context.
 */
import type { EnvironmentCheck } from '../../contract/system';
import { locateKubeconfig, readKubeconfigContexts } from '../common/kubeconfigFiles';
import { installFix } from './environmentHints';

export function checkKubeconfig(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): EnvironmentCheck {
  const base = {
    id: 'kubeconfig' as const,
    label: 'kubeconfig',
    usedFor: 'The Kubernetes view: which clusters Berth can show.',
    required: false,
  };
  const location = locateKubeconfig({ env, platform, home });
  const found = location.files;
  const { contexts, current, broken } = readKubeconfigContexts(found);
  if (found.length === 0)
    return {
      ...base,
      found: false,
      status: 'missing',
      hint: `No kubeconfig at ${location.candidates.join(', ')} (from ${location.source}).`,
      fix: installFix('kubeconfig', platform),
    };
  const path = found.join(platform === 'win32' ? ';' : ':');
  if (contexts.length === 0)
    return {
      ...base,
      found: true,
      status: 'problem',
      path,
      hint: broken.length
        ? `Could not read ${broken.map((b) => b.file).join(', ')} as YAML.`
        : 'The kubeconfig has no contexts.',
      fix: installFix('kubeconfig', platform),
    };
  const n = `${contexts.length} context${contexts.length === 1 ? '' : 's'}`;
  return {
    ...base,
    found: true,
    status: 'ok',
    path,
    detail:
      (current ? `current context ${current} · ${n}` : `${n}, none current`) +
      (location.source === 'BERTH_KUBECONFIG' ? ' · from BERTH_KUBECONFIG' : ''),
  };
}
