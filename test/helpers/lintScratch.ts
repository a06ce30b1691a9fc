/**
 * Lints a scratch file (never written to disk) with the repository's own eslint.config.js, as `npm run lint`
 * would: the proof that Berth's lint rules bite where they should, with the message they teach.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint | undefined;

/** The messages of rule `ruleId` for a file at `path` (repository-relative) holding `code`. */
export async function lintMessages(ruleId: string, path: string, code: string): Promise<string[]> {
  eslint ??= new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
