/** The build context Berth packs: what .dockerignore leaves out, symlinks, the Dockerfile. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extract } from 'tar-stream';
import { contextEntries, packContext } from '../../../../../main/engine/images/buildContext';

const dirs: string[] = [];

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-ctx-'));
  dirs.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const files = async (root: string, dockerfile = 'Dockerfile') =>
  (await contextEntries(root, dockerfile)).filter((e) => e.type !== 'directory').map((e) => e.path);

describe('build context and .dockerignore', () => {
  it('sends everything when there is no .dockerignore', async () => {
    const root = tree({ Dockerfile: 'FROM x', 'a.txt': 'a', 'src/b.ts': 'b' });
    expect(await files(root)).toEqual(['Dockerfile', 'a.txt', 'src/b.ts']);
  });

  it('follows Docker rules: globs, folders, ** and ! exceptions; always sends Dockerfile and .dockerignore', async () => {
    const root = tree({
      Dockerfile: 'FROM x',
      '.dockerignore':
        '# comment\n*.log\nnode_modules\n**/*.tmp\nsecrets/\n!secrets/public.pem\nDockerfile\n.dockerignore\n',
      'app.js': '',
      'debug.log': '',
      'node_modules/dep/index.js': '',
      'src/deep/x.tmp': '',
      'src/deep/keep.ts': '',
      'secrets/key.pem': '',
      'secrets/public.pem': '',
    });
    expect(await files(root)).toEqual([
      '.dockerignore',
      'Dockerfile',
      'app.js',
      'secrets/public.pem',
      'src/deep/keep.ts',
    ]);
  });

  it('keeps a differently named Dockerfile even when ignored', async () => {
    const root = tree({ 'build/Dockerfile.dev': 'FROM x', '.dockerignore': 'build\n', 'a.txt': '' });
    expect(await files(root, 'build/Dockerfile.dev')).toEqual(['.dockerignore', 'a.txt', 'build/Dockerfile.dev']);
  });

  it('packs the entries as a tar with contents and symlinks', async () => {
    const root = tree({ Dockerfile: 'FROM x\n', 'dir/a.txt': 'hello' });
    symlinkSync('dir/a.txt', join(root, 'link'));
    const seen: Record<string, string> = {};
    const ex = extract();
    ex.on('entry', (header, stream, next) => {
      let body = '';
      stream.on('data', (c: unknown) => (body += String(c)));
      stream.on('end', () => {
        seen[header.name] = header.type === 'symlink' ? `-> ${header.linkname}` : `${header.type}:${body}`;
        next();
      });
    });
    const done = new Promise<void>((resolve) => ex.on('finish', () => resolve()));
    packContext(root, await contextEntries(root, 'Dockerfile')).pipe(ex);
    await done;
    expect(seen).toEqual({
      Dockerfile: 'file:FROM x\n',
      dir: 'directory:',
      'dir/a.txt': 'file:hello',
      link: '-> dir/a.txt',
    });
  });
});
