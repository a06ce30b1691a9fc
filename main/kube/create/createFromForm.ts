/**
 * Creates the object a form stands for (or dry-runs it). The answer is the object as the server made it;
 * a Secret's values are not echoed back (its data left out of the YAML returned).
 */
import type { z } from 'zod';
import type { CreateFormInput } from '../../../contract/kubeActions';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';
import { toYaml, withoutManagedFields, type KubeObject } from '../edit/objectYaml';
import { formManifest } from './formManifest';

export async function createFromForm(
  c: KubeClients,
  input: z.output<typeof CreateFormInput>,
): Promise<{ object: KubeObjectRef; yaml: string }> {
  const { group, version, resource, manifest } = formManifest(input.form, input.namespace);
  const ref = { context: input.context, kubeconfig: input.kubeconfig, group, version, resource };
  const out = await kubeJson<KubeObject>(c, 'POST', resourcePath({ ...ref, namespace: input.namespace }), {
    body: manifest,
    query: { fieldManager: 'berth', ...(input.dryRun ? { dryRun: 'All' } : {}) },
  });
  const { data: _data, stringData: _stringData, ...shown } = withoutManagedFields(out);
  return {
    object: { ...ref, namespace: input.namespace, name: String(out.metadata?.name ?? input.form.name) },
    yaml: toYaml(input.form.kind === 'Secret' ? shown : withoutManagedFields(out)),
  };
}
