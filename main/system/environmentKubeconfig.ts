/** The kubeconfig check: KUBECONFIG (a list of files) or ~/.kube/config, its contexts and current context. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { EnvironmentCheck } from '../../contract/system';
import { installFix } from './environmentHints';

interface KubeconfigShape {
  'current-context'?: unknown;
  contexts?: unknown;
}

export function kubeconfigFiles(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(platform === 'win32' ? ';' : ':').filter(Boolean);
  return [join(home, '.kube', 'config')];
}

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

export function checkKubeconfig(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): EnvironmentCheck {
  const base = {
    id: 'kubeconfig' as const,
    label: 'kubeconfig',
    usedFor: 'The Kubernetes view: which clusters Berth can show.',
    required: false,
  };
  const files = kubeconfigFiles(env, platform, home);
  const contexts = new Set<string>();
  let current: string | undefined;
  const found: string[] = [];
  const broken: string[] = [];
  for (const file of files) {
    const text = readText(file);
    if (text === undefined) continue;
    found.push(file);
    try {
      const doc = (parse(text) ?? {}) as KubeconfigShape;
      if (!current && typeof doc['current-context'] === 'string' && doc['current-context'])
        current = doc['current-context'];
      if (Array.isArray(doc.contexts))
        for (const c of doc.contexts as Array<{ name?: unknown }>)
          if (typeof c?.name === 'string') contexts.add(c.name);
    } catch {
      broken.push(file);
    }
  }
  if (found.length === 0)
    return {
      ...base,
      found: false,
      status: 'missing',
      hint: `No kubeconfig at ${files.join(', ')}.`,
      fix: installFix('kubeconfig', platform),
    };
  const path = found.join(platform === 'win32' ? ';' : ':');
  if (contexts.size === 0)
    return {
      ...base,
      found: true,
      status: 'problem',
      path,
      hint: broken.length ? `Could not read ${broken.join(', ')} as YAML.` : 'The kubeconfig has no contexts.',
      fix: installFix('kubeconfig', platform),
    };
  const n = `${contexts.size} context${contexts.size === 1 ? '' : 's'}`;
  return {
    ...base,
    found: true,
    status: 'ok',
    path,
    detail: current ? `current context ${current} · ${n}` : `${n}, none current`,
  };
}
