/** Reading a compose file: services, profiles, the project name, errors with their line. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  activeServices,
  defaultProjectName,
  MAX_COMPOSE_FILE_BYTES,
  parseComposeText,
  readComposeFile,
} from '../../../../main/compose/composeFile';
import { YAML_BOMB } from '../../../helpers/hostileYaml';
import { ApiError } from '../../../../contract/errors';

const dir = mkdtempSync(join(tmpdir(), 'berth-parse-'));

mkdirSync(join(dir, 'api'));

const path = join(dir, 'compose.yaml');

const SAMPLE = `
services:
  web:
    build: ./api
    ports: ["127.0.0.1:8080:80", {target: 443, published: 8443, host_ip: 127.0.0.1}]
    depends_on: { db: { condition: service_healthy } }
    command: [npm, start]
  db:
    image: postgres:16
    volumes: [pgdata:/var/lib/postgresql/data, {type: bind, source: ./init, target: /init, read_only: true}]
  admin:
    image: adminer
    profiles: [debug]
    depends_on: [db]
  worker:
    build: { context: ./missing, dockerfile: Worker.Dockerfile }
volumes:
  pgdata:
networks:
  back: {}
`;

const errorOf = (fn: () => unknown): ApiError => {
  try {
    fn();
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected an error');
};

describe('reading a compose file', () => {
  it('describes services, images, builds, ports, volumes and depends_on', () => {
    const f = parseComposeText(SAMPLE, path);
    const by = Object.fromEntries(f.services.map((s) => [s.name, s]));
    expect(by.web).toMatchObject({
      build: { context: join(dir, 'api'), exists: true },
      ports: ['127.0.0.1:8080:80', '127.0.0.1:8443:443'],
      dependsOn: ['db'],
      command: 'npm start',
    });
    expect(by.db?.volumes).toEqual(['pgdata:/var/lib/postgresql/data', './init:/init:ro']);
    expect(by.worker?.build).toEqual({ context: join(dir, 'missing'), dockerfile: 'Worker.Dockerfile', exists: false });
    expect(f).toMatchObject({ volumes: ['pgdata'], networks: ['back'], profiles: ['debug'], dir });
    expect(activeServices(f, []).sort()).toEqual(['db', 'web', 'worker']);
    expect(activeServices(f, ['debug']).sort()).toEqual(['admin', 'db', 'web', 'worker']);
  });

  it("names the project like compose does, or by the file's name:", () => {
    expect(defaultProjectName('/home/me/My App.v2')).toBe('myappv2');
    expect(parseComposeText('name: shop\nservices: {a: {image: x}}', path).project).toBe('shop');
  });

  it('reports YAML mistakes with line and column', () => {
    const e = errorOf(() => parseComposeText('services:\n  web:\n    image: x\n   command: y\n', path));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/line 4, column \d+/);
    expect(e.details).toMatchObject({ line: 4 });
    const dup = errorOf(() => parseComposeText('services:\n  a: {image: x}\n  a: {image: y}\n', path));
    expect(dup.message).toMatch(/line 3/);
  });

  it('reports a wrong shape with where it is', () => {
    expect(errorOf(() => parseComposeText('- a\n- b\n', path)).message).toMatch(/top level must be a mapping/);
    expect(errorOf(() => parseComposeText('version: "3"\n', path)).message).toMatch(/no "services"/);
    expect(errorOf(() => parseComposeText('services:\n  web: 3\n', path)).message).toMatch(
      /service "web" must be a mapping at line 2/,
    );
  });
});

describe('files that are not compose files (hostile or mistaken input)', () => {
  const hostile = mkdtempSync(join(tmpdir(), 'berth-hostile-'));
  const errorOf = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e as ApiError);

  it('a YAML bomb: refused as invalid input, nothing expanded', async () => {
    const file = join(hostile, 'bomb.yaml');
    writeFileSync(file, `${YAML_BOMB}\nservices: {web: {image: redis}}\n`);
    expect(await errorOf(readComposeFile(file))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/bomb\.yaml repeats its YAML aliases/),
    });
  });

  it('binary garbage and NUL bytes: "not text", never a crash', async () => {
    const file = join(hostile, 'garbage.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('services:\n'), randomBytes(64 * 1024)]));
    const err = await errorOf(readComposeFile(file));
    expect(err).toBeInstanceOf(ApiError);
    expect(err?.code).toBe('invalid_input');
  });

  it('a file far larger than any compose file: refused before it is read', async () => {
    const file = join(hostile, 'huge.yaml');
    writeFileSync(file, 'services: {}\n');
    truncateSync(file, MAX_COMPOSE_FILE_BYTES + 1); // sparse: costs no disk
    expect(await errorOf(readComposeFile(file))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/too large to be a compose file/),
    });
  });

  it('a device or a FIFO behind a symlink: "not a regular file", never read', async () => {
    const zero = join(hostile, 'zero.yaml');
    symlinkSync('/dev/zero', zero);
    expect(await errorOf(readComposeFile(zero))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/Not a regular file/),
    });
    const fifo = join(hostile, 'fifo.yaml');
    execFileSync('mkfifo', [fifo]);
    expect(await errorOf(readComposeFile(fifo))).toMatchObject({ code: 'invalid_input' });
  });

  it('a symlink loop says so; a path with .. and a symlink to a real file are read', async () => {
    const loop = join(hostile, 'loop.yaml');
    symlinkSync(loop, loop);
    expect(await errorOf(readComposeFile(loop))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/loop/),
    });
    const real = join(hostile, 'app', 'compose.yaml');
    mkdirSync(join(hostile, 'app'));
    writeFileSync(real, 'services: {web: {image: redis}}\n');
    const link = join(hostile, 'link.yaml');
    symlinkSync(real, link);
    expect((await readComposeFile(link)).services.map((s) => s.name)).toEqual(['web']);
    const dotted = join(hostile, 'app', '..', 'app', '.', 'compose.yaml');
    expect((await readComposeFile(dotted)).path).toBe(real);
  });
});
