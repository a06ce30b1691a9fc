/**
 * An object of any kind as the YAML a user edits: read from its path, metadata.managedFields left out
 * (it is the server's bookkeeping and thousands of lines on a busy object), printed without line folding.
 */
import { stringify } from 'yaml';
import type { KubeObjectRef } from '../../../contract/kubeBase';
import type { ObjectYaml } from '../../../contract/kubeActions';
import type { KubeClients } from '../clients';
import { kubeJson, resourcePath } from '../objectRest';
import type { Json } from './threeWayMerge';

export type KubeObject = { [key: string]: Json } & {
  apiVersion?: string;
  kind?: string;
  metadata?: { [key: string]: Json };
};

export function withoutManagedFields(object: KubeObject): KubeObject {
  const metadata = object.metadata;
  if (!metadata || !('managedFields' in metadata)) return object;
  const { managedFields: _dropped, ...rest } = metadata;
  return { ...object, metadata: rest };
}

export const toYaml = (object: Json): string => stringify(object, { lineWidth: 0 });

export async function readObject(c: KubeClients, ref: KubeObjectRef): Promise<KubeObject> {
  return withoutManagedFields(await kubeJson<KubeObject>(c, 'GET', resourcePath(ref)));
}

export async function objectYaml(c: KubeClients, ref: KubeObjectRef): Promise<ObjectYaml> {
  const object = await readObject(c, ref);
  return {
    yaml: toYaml(object),
    resourceVersion: String(object.metadata?.resourceVersion ?? ''),
    apiVersion: object.apiVersion ?? '',
    kind: object.kind ?? '',
  };
}
