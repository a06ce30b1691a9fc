/**
 * GET any API path as JSON with the context's credentials: the generic read under the resource model,
 * where paths come from a kind's group/version/resource rather than a generated client per kind (whose
 * typed models would turn timestamps into Dates and drop fields of kinds they do not know).
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { serverUrl, StatusError } from '../pods/kubeRequest';
import type { KindRef } from '../../../contract/kubeObjects';

/** `/api/v1/namespaces/ns/pods` or `/apis/apps/v1/deployments`, with an object's name when given. */
export function resourcePath(k: KindRef, namespace?: string, name?: string): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const ns = namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${k.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export async function getJson<T>(c: KubeClients, path: string, query: Record<string, string> = {}): Promise<T> {
  const qs = new URLSearchParams(query).toString();
  const url = serverUrl(c, qs ? `${path}?${qs}` : path, 'http');
  const opts: https.RequestOptions = {};
  await c.config.applyToHTTPSOptions(opts);
  const get = url.startsWith('https:') ? https.get : http.get;
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = get(url, { ...opts, headers: { ...opts.headers, Accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode !== 200) return reject(new StatusError(res.statusCode ?? 500, body, res.headers));
          try {
            resolve(JSON.parse(body) as T);
          } catch (e) {
            reject(e);
          }
        });
      });
      req.setTimeout(60_000, () => req.destroy(Object.assign(new Error('timed out'), { name: 'TimeoutError' })));
      req.on('error', reject);
    });
  } catch (e) {
    throw toKubeError(e, c);
  }
}

/** A page of a list, as the API server sends it. */
interface ListPage<T> {
  items: T[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** Lists a path in pages of `pageSize` (as kubectl does), one consistent snapshot with its resourceVersion. */
export async function listAll<T>(
  c: KubeClients,
  path: string,
  pageSize = 500,
): Promise<{ items: T[]; resourceVersion: string }> {
  const items: T[] = [];
  let next: string | undefined;
  let resourceVersion = '';
  do {
    const page: ListPage<T> = await getJson<ListPage<T>>(c, path, {
      limit: String(pageSize),
      ...(next ? { continue: next } : {}),
    });
    items.push(...page.items);
    resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
    next = page.metadata?.continue || undefined;
  } while (next);
  return { items, resourceVersion };
}
