/**
 * The rebase of a YAML edit after a conflict: the user's change (base → mine) re-applied on the version the
 * server has now (base → theirs), field by field. A field both sides changed differently is a clash, named
 * by its path; lists whose items all have a unique `name` (containers, env, ports, volumes) are merged item
 * by item like a strategic merge patch, other lists as one value.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface MergeResult {
  merged: Json;
  /** Paths both sides changed differently, e.g. spec.replicas, spec.template.spec.containers[web].image. */
  clashes: string[];
}

export const isMap = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isMap(a) && isMap(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Items keyed by `name` when every item is a map with a distinct string name. */
function byName(list: Json[] | undefined): Map<string, Json> | undefined {
  if (!list) return new Map();
  const out = new Map<string, Json>();
  for (const item of list) {
    if (!isMap(item) || typeof item.name !== 'string' || out.has(item.name)) return undefined;
    out.set(item.name, item);
  }
  return out;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Merges one value; `undefined` means absent. */
function merge(
  base: Json | undefined,
  mine: Json | undefined,
  theirs: Json | undefined,
  path: string,
  clashes: string[],
): Json | undefined {
  if (deepEqual(mine, base)) return theirs;
  if (deepEqual(theirs, base)) return mine;
  if (deepEqual(mine, theirs)) return mine;
  if (isMap(mine) && isMap(theirs) && (base === undefined || isMap(base))) {
    const b = base ?? {};
    const out: { [key: string]: Json } = {};
    const keys = new Set([...Object.keys(theirs), ...Object.keys(mine)]);
    for (const key of keys) {
      const v = merge(b[key], mine[key], theirs[key], join(path, key), clashes);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }
  if (Array.isArray(mine) && Array.isArray(theirs) && (base === undefined || Array.isArray(base))) {
    const b = byName(base as Json[] | undefined);
    const m = byName(mine);
    const t = byName(theirs);
    if (b && m && t) {
      // Their order, then the items only mine added, in my order.
      const names = [...t.keys(), ...[...m.keys()].filter((n) => !t.has(n))];
      const out: Json[] = [];
      for (const name of names) {
        const v = merge(b.get(name), m.get(name), t.get(name), `${path}[${name}]`, clashes);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
  }
  clashes.push(path || '(the whole object)');
  return theirs;
}

/** The fields the server owns: always the server's, never a clash. */
const SERVER_OWNED = ['resourceVersion', 'generation', 'uid', 'creationTimestamp', 'managedFields'];

/** An object without what the server owns (status, resourceVersion, generation...): what a user edits. */
export function userPart(o: Json): Json {
  if (!isMap(o)) return o;
  const { status: _status, ...rest } = o;
  const meta = isMap(rest.metadata) ? { ...rest.metadata } : undefined;
  if (meta) for (const k of SERVER_OWNED) delete meta[k];
  return meta ? { ...rest, metadata: meta } : rest;
}

export function threeWayMerge(base: Json, mine: Json, theirs: Json): MergeResult {
  const clashes: string[] = [];
  const merged = merge(userPart(base), userPart(mine), userPart(theirs), '', clashes) ?? null;
  if (isMap(merged) && isMap(theirs)) {
    const meta = isMap(merged.metadata) ? merged.metadata : {};
    const theirMeta = isMap(theirs.metadata) ? theirs.metadata : {};
    for (const k of SERVER_OWNED) if (theirMeta[k] !== undefined && k !== 'managedFields') meta[k] = theirMeta[k]!;
    merged.metadata = meta;
    if (theirs.status !== undefined) merged.status = theirs.status;
  }
  return { merged, clashes };
}
