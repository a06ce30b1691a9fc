/**
 * `kubectl apply` for a multi-document YAML: every document is parsed first (a syntax error anywhere gives
 * its line and column and applies nothing), then each object is server-side applied on its own, with a
 * per-object result.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { ApiError } from '../../contract/errors';
import { yamlErrorHeadline } from '../common/yamlError';
import { yamlValue } from '../common/yamlValue';
import type { ApplyResult, KubeTarget } from '../../contract/kube';
import { clientsFor } from './clients';
import { httpStatus, toKubeError } from './kubeErrors';

/**
 * The fields of `object` that the manifest names, with their values: comparing this before and after an
 * apply tells "unchanged" from "configured" even while controllers update other fields (status, revision
 * annotations), which a resourceVersion comparison cannot.
 */
function managedPart(object: unknown, manifest: unknown): unknown {
  if (!isPlainObject(manifest) || !isPlainObject(object)) return object;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(manifest)) out[key] = managedPart(object[key], manifest[key]);
  return out;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ParsedObject {
  object?: KubernetesObject;
  /** Why the document is not an object Berth can apply. */
  problem?: string;
}

/** Parses every document; throws invalid_input with { line, col } at the first syntax error. */
export function parseManifests(text: string): ParsedObject[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'an unknown position';
      throw new ApiError(
        'invalid_input',
        `YAML syntax error at ${where}: ${yamlErrorHeadline(err.message)}`,
        'Fix the YAML; nothing was applied.',
        { line: pos?.line, col: pos?.col },
      );
    }
  }
  const out: ParsedObject[] = [];
  for (const doc of list) {
    const value = yamlValue(doc, 'The YAML', 'Fix the YAML; nothing was applied.');
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      out.push({ problem: 'Not a Kubernetes object (expected a mapping with apiVersion, kind and metadata).' });
      continue;
    }
    const o = value as KubernetesObject;
    if (!o.apiVersion || !o.kind || !o.metadata?.name) {
      out.push({ object: o, problem: 'Missing apiVersion, kind or metadata.name.' });
      continue;
    }
    out.push({ object: o });
  }
  return out;
}

export async function applyManifests(target: KubeTarget, namespace: string, text: string): Promise<ApplyResult[]> {
  const parsed = parseManifests(text);
  const c = await clientsFor(target);
  const results: ApplyResult[] = [];
  for (const { object, problem } of parsed) {
    const kind = object?.kind ?? '?';
    const name = object?.metadata?.name ?? '?';
    if (!object || problem) {
      results.push({ kind, name, action: 'failed', message: problem });
      continue;
    }
    const spec: KubernetesObject = {
      ...object,
      metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? namespace },
    };
    try {
      let before: string | undefined;
      let exists = true;
      try {
        const current = await c.objects.read({
          apiVersion: spec.apiVersion ?? 'v1',
          kind,
          metadata: { name, namespace: spec.metadata?.namespace },
        });
        before = JSON.stringify(managedPart(current, spec));
      } catch (e) {
        if (httpStatus(e) !== 404) throw e;
        exists = false;
      }
      const out = await c.objects.patch(spec, undefined, undefined, 'berth', true, 'application/apply-patch+yaml');
      results.push({
        kind,
        name,
        namespace: out.metadata?.namespace,
        action: !exists ? 'created' : JSON.stringify(managedPart(out, spec)) === before ? 'unchanged' : 'configured',
      });
    } catch (e) {
      const err = toKubeError(e, { context: c.context, server: c.server });
      if (err.code === 'cluster_unreachable') throw err;
      results.push({ kind, name, namespace: spec.metadata?.namespace, action: 'failed', message: err.message });
    }
  }
  return results;
}
