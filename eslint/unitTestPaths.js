/**
 * The `berth/unit-test-paths` lint rule: a unit test is found from the file it tests. The tests of
 * `main/engine/images/layerProgress.ts` are `test/unit/main/engine/images/layerProgress.test.ts`: the path
 * under test/unit, minus `.test.ts`, must name a source module (.ts, .tsx, .js or .json) of the repository.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.js', '.json'];

/** @type {import('eslint').Rule.RuleModule} */
export const unitTestPathsRule = {
  meta: {
    type: 'suggestion',
    docs: { description: 'A unit test mirrors the path of the module it tests.' },
    schema: [],
    messages: {
      mirror:
        '{{file}} tests no module: name a unit test after the file it tests, test/unit/<its path>.test.ts ' +
        '(the tests of main/kube/mappers.ts are test/unit/main/kube/mappers.test.ts).',
    },
  },
  create(context) {
    const cwd = context.cwd ?? context.getCwd();
    const file = path.relative(cwd, context.filename).split(path.sep).join('/');
    const match = /^test\/unit\/(.+)\.test\.tsx?$/.exec(file);
    if (!match) return {};
    const module = match[1];
    if (SOURCE_EXTENSIONS.some((ext) => existsSync(path.join(cwd, `${module}${ext}`)))) return {};
    return { Program: (node) => context.report({ node, messageId: 'mirror', data: { file } }) };
  },
};
