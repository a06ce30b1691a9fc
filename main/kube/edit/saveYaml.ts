/**
 * Saving an edited YAML the way `kubectl edit` does — a replace carrying the resourceVersion it was read
 * at — with a server-side dry-run first. What the server refuses comes back as an outcome the editor shows:
 * a conflict (someone changed the object meanwhile: their version, what they changed, the edit rebased on
 * it), or invalid (a YAML syntax error, another object named, or the API server's causes, at their lines).
 */
import { parseDocument } from 'yaml';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { FieldCause, SaveYamlInput, SaveYamlOutcome } from '../../../contract/kubeActions';
import { ApiError } from '../../../contract/errors';
import { yamlErrorHeadline } from '../../common/yamlError';
import { yamlValue } from '../../common/yamlValue';
import type { KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { StatusError } from '../pods/kubeRequest';
import { kubeJson, resourcePath, statusOf } from '../objectRest';
import { changes, lineDiff } from './lineDiff';
import { readObject, toYaml, withoutManagedFields, type KubeObject } from './objectYaml';
import { controlPlaneMarks, withoutMarks } from './controlPlaneMarks';
import { fieldLine } from './fieldLine';
import { deepEqual, threeWayMerge, userPart, type Json } from './threeWayMerge';

type Input = KubeObjectRef & Required<Pick<SaveYamlInput, 'yaml' | 'baseYaml' | 'dryRun' | 'overwrite'>>;

const invalid = (message: string, causes: FieldCause[] = []): SaveYamlOutcome => ({
  outcome: 'invalid',
  message,
  causes,
});

/** The YAML as one object, or why it is not one. */
export function parseObject(text: string): { object: KubeObject } | { problem: SaveYamlOutcome } {
  const doc = parseDocument(text, { prettyErrors: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0].line;
    const message = `YAML syntax error${line ? ` at line ${line}` : ''}: ${yamlErrorHeadline(err.message)}`;
    return { problem: invalid(message, [{ message: yamlErrorHeadline(err.message), line }]) };
  }
  let value: unknown;
  try {
    value = yamlValue(doc, 'The YAML', 'Fix the YAML; nothing was saved.');
  } catch (e) {
    if (e instanceof ApiError) return { problem: invalid(e.message) };
    throw e;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { problem: invalid('The YAML is not a Kubernetes object (a mapping with apiVersion, kind and metadata).') };
  }
  return { object: value as KubeObject };
}

/** The edited object must still be the object being edited: same name and namespace. */
function sameObject(ref: KubeObjectRef, object: KubeObject): SaveYamlOutcome | undefined {
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (name !== ref.name) {
    return invalid(`The YAML names "${String(name ?? '')}", not "${ref.name}": edit cannot rename an object.`, [
      { field: 'metadata.name', message: 'Renaming is not possible; create a new object instead.' },
    ]);
  }
  if (ref.namespace && namespace !== undefined && namespace !== ref.namespace) {
    return invalid(`The YAML is in namespace "${String(namespace)}", not "${ref.namespace}".`, [
      { field: 'metadata.namespace', message: 'An object cannot move to another namespace.' },
    ]);
  }
  return undefined;
}

/** The API server's refusal as field causes at the lines of the edited YAML. */
export function causesAt(yamlText: string, status: ReturnType<typeof statusOf>): FieldCause[] {
  return (status?.details?.causes ?? []).map((c) => ({
    field: c.field,
    reason: c.reason,
    message: c.message ?? c.reason ?? 'Refused.',
    line: c.field ? fieldLine(yamlText, c.field) : undefined,
  }));
}

/** How often a save is tried again on its own after a conflict only the server's own fields caused. */
const QUIET_REBASES = 3;

/**
 * After a 409: the server's version and the edit rebased on it. When the server changed only what it owns
 * (status, resourceVersion, the control plane's own annotations: a controller reporting progress), the
 * rebase is the save: `retry` is set.
 */
async function conflict(
  c: KubeClients,
  ref: KubeObjectRef,
  input: Input,
  mine: KubeObject,
): Promise<{ retry: KubeObject } | { outcome: SaveYamlOutcome }> {
  const current = await kubeJson<KubeObject>(c, 'GET', resourcePath(ref));
  const server = withoutManagedFields(current);
  const serverYaml = toYaml(server);
  const parsedBase = parseObject(input.baseYaml);
  const base: Json = 'object' in parsedBase ? parsedBase.object : {};
  const { merged, clashes } = threeWayMerge(base, mine, server);
  const marks = controlPlaneMarks(current);
  const quiet = deepEqual(userPart(withoutMarks(base, marks)), userPart(withoutMarks(server, marks)));
  if (quiet && clashes.length === 0) return { retry: merged as KubeObject };
  return {
    outcome: {
      outcome: 'conflict',
      message: `${ref.name} was changed by someone else since you opened it.`,
      serverYaml,
      serverResourceVersion: String(server.metadata?.resourceVersion ?? ''),
      theirChanges: lineDiff(input.baseYaml, serverYaml),
      rebasedYaml: clashes.length === 0 ? toYaml(merged) : undefined,
      clashes,
    },
  };
}

export async function saveYaml(c: KubeClients, ref: KubeObjectRef, input: Input): Promise<SaveYamlOutcome> {
  const parsed = parseObject(input.yaml);
  if ('problem' in parsed) return parsed.problem;
  const object = parsed.object;
  const wrong = sameObject(ref, object);
  if (wrong) return wrong;
  const metadata = { ...(object.metadata ?? {}) };
  if (input.overwrite) {
    const current = await readObject(c, ref);
    metadata.resourceVersion = current.metadata?.resourceVersion ?? null;
  } else if (metadata.resourceVersion === undefined) {
    // Without it a replace would win over any change made meanwhile: use the one the edit started from.
    const base = parseObject(input.baseYaml);
    if ('object' in base && base.object.metadata?.resourceVersion !== undefined) {
      metadata.resourceVersion = base.object.metadata.resourceVersion;
    }
  }
  let body: KubeObject = { ...object, metadata };
  for (let attempt = 0; ; attempt++) {
    try {
      const out = await kubeJson<KubeObject>(c, 'PUT', resourcePath(ref), {
        body,
        query: { fieldManager: 'berth', ...(input.dryRun ? { dryRun: 'All' } : {}) },
      });
      const yaml = toYaml(withoutManagedFields(out));
      if (!input.dryRun)
        return { outcome: 'saved', yaml, resourceVersion: String(out.metadata?.resourceVersion ?? '') };
      const diff = lineDiff(input.baseYaml, yaml);
      return { outcome: 'dryRun', yaml, diff, changed: changes(diff) };
    } catch (e) {
      if (e instanceof StatusError && e.code === 409) {
        const next = await conflict(c, ref, input, object);
        if ('outcome' in next) return next.outcome;
        if (attempt < QUIET_REBASES) {
          body = next.retry;
          continue;
        }
      }
      if (e instanceof StatusError && (e.code === 422 || e.code === 400)) {
        const status = statusOf(e);
        return invalid(status?.message ?? e.message, causesAt(input.yaml, status));
      }
      throw toKubeError(e, c);
    }
  }
}
