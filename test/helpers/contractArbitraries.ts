/**
 * fast-check arbitraries for fuzzing Berth's contract: near-valid inputs made from each method's own
 * schema (through its JSON Schema), hostile values (NaN, huge numbers, lone surrogates, RTL overrides, NUL,
 * huge strings, `__proto__`/`constructor`/`prototype` keys, deep nesting), and mutations of valid inputs
 * with those. Which input is valid is always decided by the schema itself (`safeParse`), never guessed here.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { MethodDef } from '../../contract/define';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

/** Strings that have broken parsers, paths, terminals and bidi rendering elsewhere. */
export const HOSTILE_STRINGS = [
  '',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDC00y\uD83D',
  '\u202Egnp.exe',
  '\u200F\u200E\u061C',
  '\uFEFF',
  '\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '../../../../etc/passwd',
  '..\\..\\windows\\system32',
  '%2e%2e%2f%2e%2e%2f',
  '/dev/zero',
  '$(touch /tmp/berth-fuzz-pwned)',
  '`id`',
  '; rm -rf /',
  '--privileged',
  '-v=/:/host',
  '\r\nHost: evil',
  '__proto__',
  'constructor',
  'prototype',
  'x'.repeat(70_000),
];

export const HOSTILE_NUMBERS = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  -1,
  -(2 ** 31),
  2 ** 31,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e308,
  Number.MIN_VALUE,
  0.5,
];

export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

/** A value nested `depth` levels deep (arrays and objects alternating). */
export function deeplyNested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** An object with an own `__proto__` key, as JSON.parse makes it (a literal would set the prototype). */
export const withProtoKey = (payload: unknown): Record<string, unknown> =>
  JSON.parse(`{"__proto__": ${JSON.stringify(payload) ?? 'null'}, "constructor": {"prototype": {"polluted": 1}}}`);

const hostileLeaf = (rich: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(...HOSTILE_NUMBERS),
    fc.constantFrom(null, true, false, [], {}),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.constant(deeplyNested(200)),
    fc.constant(withProtoKey({ polluted: true })),
    rich
      ? fc.anything({
          withBigInt: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
          withBoxedValues: true,
          withObjectString: true,
          maxDepth: 3,
        })
      : fc.jsonValue({ maxDepth: 3 }),
  );

function stringArb(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'uri') return fc.webUrl();
  if (s.format === 'ipv4') return fc.ipV4();
  if (s.format === 'ipv6') return fc.ipV6();
  if (s.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(s.pattern))
        .filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? Infinity));
    } catch {
      // a pattern fast-check cannot generate from: plain strings below
    }
  }
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) });
}

/** Values shaped by a JSON Schema (mostly valid; the schema decides). */
export function fromSchema(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => fromSchema(a, depth)));
  switch (s.type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1000, -(2 ** 31)),
        max: Math.min(s.maximum ?? 100_000, 2 ** 31),
      });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(s.items && depth < 4 ? fromSchema(s.items, depth + 1) : fc.string(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object': {
      if (depth > 4) return fc.constant({});
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const fields = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fromSchema(v, depth + 1)]));
      const base = fc.record(fields, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      if (typeof s.additionalProperties === 'object' && Object.keys(props).length === 0) {
        return fc.dictionary(fc.string({ maxLength: 10 }), fromSchema(s.additionalProperties, depth + 1), {
          maxKeys: 3,
        });
      }
      return base;
    }
    default:
      return fc.constant(undefined);
  }
}

/** Replaces, drops or adds one key of a (valid) input with something hostile, or replaces it whole. */
function mutate(value: unknown, rich: boolean): fc.Arbitrary<unknown> {
  const leaf = hostileLeaf(rich);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fc.oneof(leaf, fc.constant(value));
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const options: fc.Arbitrary<unknown>[] = [
    fc.tuple(fc.constantFrom(...HOSTILE_KEYS), leaf).map(([k, v]) => {
      const out = JSON.parse(JSON.stringify(record) ?? '{}') as Record<string, unknown>;
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
      return out;
    }),
    leaf,
  ];
  if (keys.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...keys), leaf).map(([k, v]) => ({ ...record, [k]: v })),
      fc.constantFrom(...keys).map((k) => {
        const out = { ...record };
        delete out[k];
        return out;
      }),
    );
  }
  return fc.oneof(...options);
}

/**
 * Inputs for one method: near-valid ones from its schema, the same mutated, and hostile values. `rich`
 * adds what only structured clone carries (BigInt, Map, Date, typed arrays: the Electron IPC path).
 */
export function inputsFor(def: MethodDef, rich: boolean): fc.Arbitrary<unknown> {
  const schema = z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  const valid = fromSchema(schema);
  return fc.oneof(
    { arbitrary: valid, weight: 2 },
    { arbitrary: valid.chain((v) => mutate(v, rich)), weight: 4 },
    { arbitrary: hostileLeaf(rich), weight: 2 },
  );
}

/** Whole wire messages that are not a well-formed call/subscribe/unsubscribe at all. */
export const malformedMessages = (rich: boolean): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileLeaf(rich),
    fc.record({
      type: fc.oneof(fc.constantFrom('call', 'subscribe', 'unsubscribe', 'CALL', '__proto__'), hostileLeaf(rich)),
      id: fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), hostileLeaf(rich)),
      method: fc.oneof(
        fc.constantFrom('__proto__.x', 'constructor.constructor', 'system.__proto__', 'toString.call', 'system'),
        hostileLeaf(rich),
      ),
      input: hostileLeaf(rich),
    }),
  );
