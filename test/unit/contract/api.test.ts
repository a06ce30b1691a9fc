/**
 * The contract says everything: what main sends is exactly what the client's types claim. A call's output or
 * a stream's event may not carry `.default()`, `.transform()`, `.catch()` or `.prefault()` — each makes the
 * type the client sees differ from what main sends (the client does not parse outputs). Checked for every
 * method, at run time by walking the schemas, and at compile time by comparing their input and output types.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { api, type Api } from '../../../contract/api';
import { methodsOf, type CallDef, type StreamDef } from '../../../contract/define';

/** Paths inside `schema` where a step rewrites what it is given. */
function rewrites(schema: z.ZodType, path = '', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const walk = (child: unknown, at: string) => (child ? rewrites(child as z.ZodType, at, seen) : []);
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'catch':
    case 'transform':
      return [`${path || '(root)'}: .${def.type === 'transform' ? 'transform' : def.type}()`];
    case 'pipe':
      return [`${path || '(root)'}: a pipe (.transform() or .pipe())`];
    case 'object':
      return Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => walk(v, `${path}.${k}`));
    case 'array':
      return walk(def.element, `${path}[]`);
    case 'union':
      return (def.options as unknown[]).flatMap((o, i) => walk(o, `${path}|${i}`));
    case 'intersection':
      return [...walk(def.left, path), ...walk(def.right, path)];
    case 'record':
    case 'map':
      return [...walk(def.keyType, `${path}{key}`), ...walk(def.valueType, `${path}{}`)];
    case 'set':
      return walk(def.valueType, `${path}{}`);
    case 'tuple':
      return [
        ...(def.items as unknown[]).flatMap((t, i) => walk(t, `${path}[${i}]`)),
        ...walk(def.rest, `${path}[...]`),
      ];
    case 'lazy':
      return walk((def.getter as () => unknown)(), path);
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
      return walk(def.innerType, path);
    default:
      return [];
  }
}

/** Compile-time: for every method, what main may send (input type) is what the client receives (output type). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SentIsSeen<D> =
  D extends CallDef<z.ZodType, infer O>
    ? Same<z.input<O>, z.output<O>>
    : D extends StreamDef<z.ZodType, infer E>
      ? Same<z.input<E>, z.output<E>>
      : never;
type Mismatched = {
  [Dom in keyof Api]: {
    [M in keyof Api[Dom]]: SentIsSeen<Api[Dom][M]> extends true ? never : `${Dom & string}.${M & string}`;
  }[keyof Api[Dom]];
}[keyof Api];
const noMismatch: [Mismatched] extends [never] ? true : Mismatched = true;

describe('the contract', () => {
  it('has no output or event schema that rewrites what main sends', () => {
    const found: string[] = [];
    for (const [name, def] of methodsOf(api)) {
      const schema = def.kind === 'call' ? def.output : def.event;
      for (const at of rewrites(schema)) found.push(`${name} ${def.kind === 'call' ? 'output' : 'event'}${at}`);
    }
    expect(found).toEqual([]);
    expect(noMismatch).toBe(true);
  });

  it('the check sees a default, a transform and a catch where they hide', async () => {
    const { z: zod } = await import('zod');
    const schema = zod.object({
      a: zod.array(zod.object({ b: zod.string().default('x') })),
      c: zod.union([zod.number(), zod.string().transform((s) => s.length)]),
      d: zod.record(zod.string(), zod.boolean().catch(false)).optional(),
    });
    expect(rewrites(schema)).toEqual([
      '.a[].b: .default()',
      '.c|1: a pipe (.transform() or .pipe())',
      '.d{}: .catch()',
    ]);
  });
});

/*
 * Inputs that end up in an engine API path, an API-server path or a CLI's arguments accept what Docker and
 * Kubernetes name things with, and refuse what would change the path or read as a flag (found by fuzzing:
 * an id like `/abc` made docker-modem throw an uncaught error in main).
 */
const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;

describe('inputs that go into paths and arguments', () => {
  it('container ids and names', () => {
    const input = api.containers.inspect.input;
    for (const id of ['3f2a9c', 'berth-web_1', 'a.b', 'f'.repeat(64)]) expect(ok(input, { id }), id).toBe(true);
    for (const id of ['/abc', '../images/json', 'a/b', 'a?force=1', 'a#x', 'a%2F', 'a b', '-x', '.x', '']) {
      expect(ok(input, { id }), id).toBe(false);
    }
    expect(ok(api.containers.bulk.input, { action: 'stop', ids: ['ok', 'x?y'] })).toBe(false);
  });

  it('image ids and references', () => {
    const input = api.images.inspect.input;
    for (const id of [
      'redis',
      'redis:7',
      'sha256:abc',
      '127.0.0.1:5000/team/app:1.2',
      'app@sha256:0a1b',
      'Repo/Name:Tag',
    ]) {
      expect(ok(input, { id }), id).toBe(true);
    }
    for (const id of ['a//b', 'a/../b', 'a/./b', '/a', 'a?x', 'a#x', 'a%2e', 'a b', '-a']) {
      expect(ok(input, { id }), id).toBe(false);
    }
    expect(ok(api.kube.kindLoad.input, { cluster: 'dev', image: 'web:1' })).toBe(true);
    expect(ok(api.kube.kindLoad.input, { cluster: 'dev', image: '--nodes=x' })).toBe(false);
  });

  it('volume and network names', () => {
    expect(ok(api.volumes.remove.input, { name: 'data_1' })).toBe(true);
    expect(ok(api.volumes.remove.input, { name: '../x' })).toBe(false);
    expect(ok(api.networks.remove.input, { id: 'a?b' })).toBe(false);
  });

  it('Kubernetes namespaces and names', () => {
    const pods = api.kube.pods.input;
    expect(ok(pods, { context: 'c', namespace: '' })).toBe(true);
    expect(ok(pods, { context: 'c', namespace: 'kube-system' })).toBe(true);
    for (const namespace of ['Default', 'a/b', '..', 'a?b', 'x'.repeat(64)]) {
      expect(ok(pods, { context: 'c', namespace }), namespace).toBe(false);
    }
    const logs = api.kube.podLogs.input;
    expect(ok(logs, { context: 'c', namespace: 'ns', name: 'web-7d9f.x-1' })).toBe(true);
    expect(ok(logs, { context: 'c', namespace: 'ns', name: 'web/../x' })).toBe(false);
  });
});
