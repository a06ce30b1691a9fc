/**
 * Type-checks a scratch file (never written to disk) with the tsconfig.json of a runtime's folder, as
 * `npm run typecheck` would: the proof that each runtime's configuration keeps the other runtime's APIs out.
 */
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The type errors of `code` as a file in `folder`, checked with that folder's tsconfig.json. */
export function typeErrors(folder: 'renderer' | 'main', code: string): string[] {
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
