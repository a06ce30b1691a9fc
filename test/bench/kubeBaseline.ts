/**
 * The baseline for the kube scale measurement: a plain script that scales through the scale subresource
 * and watches pods with node:https and the kubeconfig's credentials (no client library).
 */
import { readFileSync } from 'node:fs';
import { request, type RequestOptions } from 'node:https';
import { parse } from 'yaml';

export interface KubeTargetInfo {
  kubeconfig: string;
  context: string;
  namespace: string;
  deployment: string;
}

export interface PodCounter {
  /** Resolves when `n` pods of the namespace are Running (n = 0: when none are left). */
  until(n: number): Promise<void>;
  close(): void;
}

interface Kubeconfig {
  contexts: Array<{ name: string; context: { cluster: string; user: string } }>;
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data'?: string } }>;
  users: Array<{
    name: string;
    user: { 'client-certificate-data'?: string; 'client-key-data'?: string; token?: string };
  }>;
}

function connection(t: KubeTargetInfo): { server: URL; options: RequestOptions } {
  const kc = parse(readFileSync(t.kubeconfig, 'utf8')) as Kubeconfig;
  const ctx = kc.contexts.find((c) => c.name === t.context)?.context;
  const cluster = kc.clusters.find((c) => c.name === ctx?.cluster)?.cluster;
  const user = kc.users.find((u) => u.name === ctx?.user)?.user;
  if (!cluster) throw new Error(`no cluster for context ${t.context} in ${t.kubeconfig}`);
  const b64 = (s?: string) => (s ? Buffer.from(s, 'base64') : undefined);
  return {
    server: new URL(cluster.server),
    options: {
      ca: b64(cluster['certificate-authority-data']),
      cert: b64(user?.['client-certificate-data']),
      key: b64(user?.['client-key-data']),
      headers: user?.token ? { authorization: `Bearer ${user.token}` } : {},
    },
  };
}

export function scaleWithClient(t: KubeTargetInfo, replicas: number): Promise<void> {
  const { server, options } = connection(t);
  const body = JSON.stringify([{ op: 'replace', path: '/spec/replicas', value: replicas }]);
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(`/apis/apps/v1/namespaces/${t.namespace}/deployments/${t.deployment}/scale`, server),
      {
        ...options,
        method: 'PATCH',
        headers: { ...options.headers, 'content-type': 'application/json-patch+json' },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          (res.statusCode ?? 0) < 300 ? resolve() : reject(new Error(`scale: HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function watchPodsWithClient(t: KubeTargetInfo): PodCounter {
  const { server, options } = connection(t);
  const running = new Set<string>();
  const all = new Set<string>();
  let waiter: { n: number; resolve(): void } | undefined;
  const check = () => {
    if (!waiter) return;
    if ((waiter.n === 0 && all.size === 0) || (waiter.n > 0 && running.size >= waiter.n)) {
      const w = waiter;
      waiter = undefined;
      w.resolve();
    }
  };
  const req = request(new URL(`/api/v1/namespaces/${t.namespace}/pods?watch=1`, server), options, (res) => {
    let rest = '';
    res.on('data', (c: Buffer) => {
      rest += String(c);
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        const e = JSON.parse(line) as {
          type: string;
          object: { metadata?: { name?: string; deletionTimestamp?: string }; status?: { phase?: string } };
        };
        const name = e.object.metadata?.name ?? '';
        if (e.type === 'DELETED') {
          running.delete(name);
          all.delete(name);
        } else {
          all.add(name);
          if (e.object.status?.phase === 'Running' && !e.object.metadata?.deletionTimestamp) running.add(name);
          else running.delete(name);
        }
      }
      check();
    });
  });
  req.on('error', () => {});
  req.end();
  return {
    until: (n) =>
      new Promise<void>((resolve) => {
        waiter = { n, resolve };
        check();
      }),
    close: () => req.destroy(),
  };
}
