/**
 * JSON requests to any object's path on the API server, with the context's credentials: what the actions
 * need for a kind named by group/version/resource (the generated clients have one class per group and
 * kind). A refusal throws the StatusError the server answered with, so a caller can read its Status (the
 * causes of a 422, the reason of a 429) before turning it into an ApiError with toKubeError.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeObjectRef } from '../../contract/kubeBase';
import type { KubeClients } from './clients';
import { serverUrl, StatusError } from './pods/kubeRequest';

const REQUEST_TIMEOUT_MS = 30_000;

/** The API path of a resource: /api/v1/... for the core group, /apis/<group>/<version>/... otherwise. */
export function resourcePath(
  ref: Pick<KubeObjectRef, 'group' | 'version' | 'resource' | 'namespace'> & { name?: string },
  subresource?: string,
): string {
  const base = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
  const name = ref.name ? `/${encodeURIComponent(ref.name)}` : '';
  return `${base}${ns}/${ref.resource}${name}${subresource ? `/${subresource}` : ''}`;
}

export interface RestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** application/json unless a patch says which kind it is. */
  contentType?: string;
  signal?: AbortSignal;
}

async function readAll(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One request; resolves with the parsed JSON answer of a 2xx, rejects with a StatusError otherwise. */
export async function kubeJson<T = unknown>(
  c: KubeClients,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RestOptions = {},
): Promise<T> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) query.set(k, String(v));
  const url = serverUrl(c, `${path}${query.size ? `?${query}` : ''}`, 'http');
  const opts: https.RequestOptions = {};
  await c.config.applyToHTTPSOptions(opts);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)])
    : AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const request = url.startsWith('https:') ? https.request : http.request;
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        ...opts,
        method,
        signal,
        headers: {
          ...(opts.headers ?? {}),
          Accept: 'application/json',
          // Content-Length always: Node frames no DELETE body by itself (no chunked encoding for DELETE).
          ...(body !== undefined
            ? { 'Content-Type': options.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        readAll(res).then((text) => {
          const status = res.statusCode ?? 500;
          if (status < 200 || status >= 300) return reject(new StatusError(status, text, res.headers));
          try {
            resolve((text ? JSON.parse(text) : {}) as T);
          } catch (e) {
            reject(e);
          }
        }, reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The Status object of a refusal, when the server sent one. */
export interface KubeStatus {
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: { field?: string; message?: string; reason?: string }[] };
}

export function statusOf(error: unknown): KubeStatus | undefined {
  if (!(error instanceof StatusError)) return undefined;
  try {
    const parsed = JSON.parse(error.body) as KubeStatus;
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
