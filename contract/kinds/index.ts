/**
 * Every kind Berth knows without asking the cluster, and how to find a kind by its resource or by the
 * apiVersion and kind an owner reference or an event names. Adding a kind: describe it in the file of its
 * API area and add it to that file's list; main's lists, watches and detail and the renderer's picker,
 * table and detail page follow.
 */
import { accessKinds } from './access';
import { clusterKinds } from './cluster';
import { configKinds } from './config';
import type { KindDescription } from './model';
import { apiVersionOf, kindId } from './model';
import { networkKinds } from './network';
import { storageKinds } from './storage';
import { workloadKinds } from './workloads';

export const BUILTIN_KINDS: readonly KindDescription[] = [
  ...clusterKinds,
  ...workloadKinds,
  ...networkKinds,
  ...configKinds,
  ...storageKinds,
  ...accessKinds,
];

/** A set of kinds (the built-in ones and a cluster's custom resources) looked up by id or by apiVersion/kind. */
export class KindRegistry {
  private readonly byId = new Map<string, KindDescription>();
  private readonly byKind = new Map<string, KindDescription>();

  constructor(kinds: Iterable<KindDescription>) {
    for (const k of kinds) {
      this.byId.set(kindId(k), k);
      this.byKind.set(`${apiVersionOf(k)}\u0000${k.kind}`, k);
      // Owner references and events may name another version of the same group.
      const loose = `${k.group}\u0000${k.kind}`;
      if (!this.byKind.has(loose)) this.byKind.set(loose, k);
    }
  }

  get all(): KindDescription[] {
    return [...this.byId.values()];
  }

  byResource(r: { group: string; version: string; resource: string }): KindDescription | undefined {
    return this.byId.get(kindId(r));
  }

  byApiVersion(apiVersion: string, kind: string): KindDescription | undefined {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    return this.byKind.get(`${apiVersion}\u0000${kind}`) ?? this.byKind.get(`${group}\u0000${kind}`);
  }
}

export { kindFromCrd } from './custom';
export * from './model';
