/**
 * Reads a compose file and describes it (services, images, build contexts, ports, volumes, depends_on)
 * without running anything. YAML mistakes come back with line and column. The file is only ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { ComposeFile, ComposeServiceSpec } from '../../contract/compose';
import { ApiError } from '../../contract/errors';
import { yamlErrorHeadline } from '../common/yamlError';
import { yamlValue } from '../common/yamlValue';

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** `~/x` and absolute paths only: main has no meaningful working directory of its own. */
export function expandPath(input: string): string {
  const p = input.trim();
  if (p === '~' || p.startsWith('~/')) return join(homedir(), p.slice(1));
  if (!isAbsolute(p)) {
    throw new ApiError(
      'invalid_input',
      `Not an absolute path: ${p}`,
      'Type the full path, e.g. /home/me/app/compose.yaml.',
    );
  }
  return resolve(p);
}

/** The compose file itself, or the compose file inside a folder. */
export async function locateComposeFile(input: string): Promise<string> {
  const path = expandPath(input);
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new ApiError('not_found', `No such file: ${path}`);
    const why = e.code === 'ELOOP' ? 'its symbolic links go round in a loop' : (e.code ?? e.message);
    throw new ApiError('invalid_input', `Cannot read ${path}: ${why}.`, 'Open the compose file itself, or its folder.');
  });
  if (!info.isDirectory()) return path;
  const found = COMPOSE_FILE_NAMES.map((n) => join(path, n)).find((p) => existsSync(p));
  if (!found) {
    throw new ApiError('not_found', `No compose file in ${path}`, `Berth looks for ${COMPOSE_FILE_NAMES.join(', ')}.`);
  }
  return found;
}

/** Compose's default project name for a folder. */
export function defaultProjectName(dir: string): string {
  const name = basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
  return name || 'default';
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : []);

function port(p: unknown): string | undefined {
  if (!isObj(p)) return str(p);
  const target = str(p.target) ?? '?';
  const published = str(p.published);
  const ip = str(p.host_ip);
  const proto = str(p.protocol);
  return `${ip ? `${ip}:` : ''}${published ? `${published}:` : ''}${target}${proto && proto !== 'tcp' ? `/${proto}` : ''}`;
}

function volume(v: unknown): string | undefined {
  if (!isObj(v)) return str(v);
  const source = str(v.source);
  const target = str(v.target) ?? '?';
  return `${source ? `${source}:` : ''}${target}${v.read_only === true ? ':ro' : ''}`;
}

function build(b: unknown, dir: string): ComposeServiceSpec['build'] {
  if (b === undefined || b === null) return undefined;
  const context = isObj(b) ? (str(b.context) ?? '.') : (str(b) ?? '.');
  const dockerfile = isObj(b) ? str(b.dockerfile) : undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(context)) return { context, dockerfile, exists: true };
  const abs = resolve(dir, context);
  let exists: boolean;
  try {
    exists = statSync(abs).isDirectory();
  } catch {
    exists = false;
  }
  return { context: abs, dockerfile, exists };
}

function service(name: string, s: Obj, dir: string): ComposeServiceSpec {
  const command = Array.isArray(s.command) ? strings(s.command).join(' ') : str(s.command);
  return {
    name,
    image: str(s.image),
    build: build(s.build, dir),
    ports: (Array.isArray(s.ports) ? s.ports : []).map(port).filter((x): x is string => !!x),
    volumes: (Array.isArray(s.volumes) ? s.volumes : []).map(volume).filter((x): x is string => !!x),
    dependsOn: isObj(s.depends_on) ? Object.keys(s.depends_on) : strings(s.depends_on),
    profiles: strings(s.profiles),
    command,
  };
}

function structureError(file: string, doc: Document, lc: LineCounter, path: string[], message: string): ApiError {
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  const { line, col } = lc.linePos(offset);
  return new ApiError(
    'invalid_input',
    `${basename(file)}: ${message} at line ${line}, column ${col}`,
    'Fix the compose file and open it again.',
    { line, column: col },
  );
}

/** Parses compose YAML text; `path` names the file (absolute) for messages and relative paths. */
export function parseComposeText(text: string, path: string): ComposeFile {
  const dir = dirname(path);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0];
    const [, ...snippet] = first.message.split('\n');
    const headline = yamlErrorHeadline(first.message) || first.code;
    const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
    throw new ApiError(
      'invalid_input',
      `YAML error in ${basename(path)}: ${headline}${where}`,
      'Fix the compose file and open it again; nothing was run.',
      { line: pos?.line, column: pos?.col, snippet: snippet.join('\n').trim() },
    );
  }
  const root = yamlValue(doc, basename(path), 'Fix the compose file and open it again; nothing was run.');
  if (!isMap(doc.contents) || !isObj(root)) {
    throw structureError(path, doc, lc, [], 'the top level must be a mapping (key: value)');
  }
  const services = root.services;
  if (!isObj(services) || !isMap(doc.getIn(['services'], true))) {
    const hasKey = doc.has('services');
    if (hasKey) throw structureError(path, doc, lc, ['services'], '"services" must be a mapping of service names');
    throw structureError(path, doc, lc, [], 'there is no "services" section');
  }
  const specs: ComposeServiceSpec[] = [];
  for (const [name, body] of Object.entries(services)) {
    const s = body ?? {};
    if (!isObj(s)) throw structureError(path, doc, lc, ['services', name], `service "${name}" must be a mapping`);
    specs.push(service(name, s, dir));
  }
  const top = (key: string) => (isObj(root[key]) ? Object.keys(root[key]) : []);
  const name = str(root.name);
  const nameNode = doc.getIn(['name'], true);
  return {
    path,
    dir,
    project: name && isScalar(nameNode) && /^[a-z0-9][a-z0-9_-]*$/.test(name) ? name : defaultProjectName(dir),
    services: specs,
    volumes: top('volumes'),
    networks: top('networks'),
    profiles: [...new Set(specs.flatMap((s) => s.profiles))],
  };
}

/** Real compose files are kilobytes; anything past this is not one, and reading it would cost the memory. */
export const MAX_COMPOSE_FILE_BYTES = 4 * 1024 * 1024;

export async function readComposeFile(input: string): Promise<ComposeFile> {
  const path = await locateComposeFile(input);
  // stat follows symlinks: what is checked is what would be read (a device, a FIFO or /dev/zero never is).
  const info = await stat(path);
  if (!info.isFile()) {
    throw new ApiError('invalid_input', `Not a regular file: ${path}`, 'Open the compose file itself, or its folder.');
  }
  if (info.size > MAX_COMPOSE_FILE_BYTES) {
    throw new ApiError(
      'invalid_input',
      `${basename(path)} is ${(info.size / 1024 / 1024).toFixed(1)} MiB: too large to be a compose file (the limit is ${MAX_COMPOSE_FILE_BYTES / 1024 / 1024} MiB).`,
      'Check that this is the compose file you meant to open.',
    );
  }
  const text = await readFile(path, 'utf8');
  if (text.includes('\u0000')) {
    throw new ApiError(
      'invalid_input',
      `${basename(path)} is not text (it contains NUL bytes).`,
      'Open a compose file (YAML).',
    );
  }
  return parseComposeText(text, path);
}

/** Services that `up` starts with these profiles (and the services they depend on). */
export function activeServices(file: ComposeFile, profiles: string[]): string[] {
  const on = new Set(profiles);
  const byName = new Map(file.services.map((s) => [s.name, s]));
  const active = new Set(
    file.services.filter((s) => !s.profiles.length || s.profiles.some((p) => on.has(p))).map((s) => s.name),
  );
  for (const name of [...active]) for (const d of byName.get(name)?.dependsOn ?? []) active.add(d);
  return [...active];
}
