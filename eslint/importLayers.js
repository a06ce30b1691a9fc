/**
 * The `berth/layers` lint rule: every import must follow Berth's dependency graph. The graph itself is data
 * (the `layers` option, written out in eslint.config.js and drawn in the README): each layer names the Berth
 * folders and files it may import, and which packages. The most specific layer for a file applies; a file no
 * layer covers is not checked (tests, scripts). Type-only imports count like any other, except where a layer
 * allows a module for types only. The message says what the layer may import, so it teaches the rule.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The repository-relative module an import names, without extension ('main/engine/connection'). */
function resolveRelative(fromFile, specifier) {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return joined.replace(/\.(m?[jt]sx?|d\.ts)$/, '');
}

/** Whether a module matches an entry: 'folder/' covers the folder (and its index), else one exact module. */
const covers = (entry, module) =>
  entry.endsWith('/') ? `${module}/`.startsWith(entry) : module === entry || module.startsWith(`${entry}.`);

const packageName = (specifier) => {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
};

/** The most specific layer covering a file: the longest matching key. */
function layerOf(layers, file) {
  let best;
  for (const key of Object.keys(layers)) {
    if (covers(key, file.replace(/\.(m?[jt]sx?)$/, '')) && (!best || key.length > best.length)) best = key;
  }
  return best;
}

const list = (entries) => entries.map((e) => (e.endsWith('/') ? e : `${e}.ts`)).join(', ');

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: "Imports follow Berth's dependency graph (README › Architecture)." },
    schema: [{ type: 'object', properties: { layers: { type: 'object' } }, required: ['layers'] }],
    messages: {
      module:
        '{{layer}} may import {{allowed}}{{types}}; not {{target}}. ' +
        "(Berth's dependency graph: README › Architecture; the map is in eslint.config.js.)",
      typesOnly: '{{layer}} may import {{target}} for its types only: write `import type`.',
      package: '{{layer}} may not import the package {{target}}{{packages}}.',
      homeless:
        '{{file}} is in no layer of the dependency graph: put it in a folder of its runtime, or add it to the map in ' +
        'eslint.config.js as an entry point.',
    },
  },
  create(context) {
    const { layers } = context.options[0];
    const cwd = context.cwd ?? context.getCwd();
    const file = path.relative(cwd, context.filename).split(path.sep).join('/');
    const layerName = layerOf(layers, file);
    if (!layerName) return {};
    const layer = layers[layerName];
    if (!layer.may) return { Program: (node) => context.report({ node, messageId: 'homeless', data: { file } }) };
    const may = layer.may;
    const typesOnly = layer.types ?? [];

    const check = (node, specifier, isTypeOnly) => {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = resolveRelative(file, specifier);
        if (may.some((e) => covers(e, target))) return;
        if (typesOnly.some((e) => covers(e, target))) {
          if (!isTypeOnly) context.report({ node, messageId: 'typesOnly', data: { layer: layerName, target } });
          return;
        }
        context.report({
          node,
          messageId: 'module',
          data: {
            layer: layerName,
            allowed: list(may),
            types: typesOnly.length ? ` (and the types of ${list(typesOnly)})` : '',
            target,
          },
        });
        return;
      }
      const pkg = specifier.startsWith('node:') ? specifier : packageName(specifier);
      const rules = layer.packages;
      if (!rules) return;
      const denied =
        (rules.only && !rules.only.includes(pkg)) ||
        (rules.not && rules.not.some((p) => p === pkg || (p === 'node' && NODE_BUILTINS.has(pkg))));
      if (denied) {
        const packages = rules.only ? `; it may use ${rules.only.join(', ')} only` : '';
        context.report({ node, messageId: 'package', data: { layer: layerName, target: pkg, packages } });
      }
    };

    const allTypes = (node) =>
      node.importKind === 'type' ||
      node.exportKind === 'type' ||
      (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node, node.source.value, allTypes(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      TSImportType: (node) => check(node, (node.source ?? node.argument?.literal)?.value, true),
    };
  },
};
