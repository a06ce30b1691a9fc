/**
 * Proves the per-runtime type configurations bite: a scratch file type-checked with renderer/tsconfig.json
 * cannot name Node (`process`, `node:fs`), one checked with main/tsconfig.json cannot name the DOM.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The type errors of `code` as a file in `folder`, checked with that folder's tsconfig.json. */
function typeErrors(folder: 'renderer' | 'main', code: string): string[] {
  const configPath = join(root, folder, 'tsconfig.json');
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!config) throw new Error(`cannot read ${configPath}`);
  const scratch = join(root, folder, '__scratch.ts');
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === scratch ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === scratch || fileExists(name);
  const program = ts.createProgram({ rootNames: [scratch], options: config.options, host });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === scratch)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('type-check configurations per runtime', { timeout: 60_000 }, () => {
  it('the renderer cannot name Node', () => {
    const errors = typeErrors(
      'renderer',
      "import { readFileSync } from 'node:fs';\nexport const x = [readFileSync, process.env.HOME, document.title];\n",
    );
    expect(errors).toEqual([
      expect.stringContaining("Cannot find name 'node:fs'"),
      expect.stringContaining("Cannot find name 'process'"),
    ]);
  });

  it('main cannot name the DOM', () => {
    const errors = typeErrors('main', 'export const x = [document.title, window.location, process.env.HOME];\n');
    expect(errors).toEqual([
      expect.stringContaining("Cannot find name 'document'"),
      expect.stringContaining("Cannot find name 'window'"),
    ]);
  });
});
