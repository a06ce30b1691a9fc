/**
 * Settings › Registries against a real private registry (TLS with a CA of our own, htpasswd auth) on both
 * engines: a wrong password is refused clearly and nothing is stored; a right one is stored by the docker
 * CLI in the user's docker config, listed, and used by pull and push; logout forgets it; an untrusted
 * certificate is named as such. Afterwards the password is looked for everywhere Berth writes: the router's
 * log, every task event and task log, the settings file and every answer the API gave.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { webShell } from '../../main/services';
import type { ServerMessage } from '../../contract/protocol';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { apiError } from '../helpers/errors';
import { eventually, FIXTURE_BUSYBOX, uniqueName } from '../helpers/docker';
import { dockerOn, ENGINES, useTempDockerConfig } from '../helpers/engines';
import { startTlsRegistry, type TlsRegistry } from '../helpers/tlsRegistry';

const PASSWORD = `Pw-${Math.random().toString(36).slice(2)}-ß!$"'\`;x`;
const USER = 'berth-tester';
let registry: TlsRegistry;
let config: ReturnType<typeof useTempDockerConfig>;
const settingsDir = mkdtempSync(join(tmpdir(), 'berth-settings-'));
/** Everything Berth said: router log lines and every message it sent to the client. */
const said: string[] = [];

beforeAll(async () => {
  config = useTempDockerConfig();
  registry = await startTlsRegistry(USER, PASSWORD);
});
afterAll(async () => {
  await registry?.stop();
  config?.dispose();
  rmSync(settingsDir, { recursive: true, force: true });
});

describe.each(ENGINES)('registry sign-in on $name', ({ host: hostOf }) => {
  let c: InProcessClient;
  let docker: (...args: string[]) => Promise<string>;
  const repo = () => `${registry.host}/berth-test/login`;
  const tags: string[] = [];

  beforeAll(async () => {
    const host = await hostOf();
    docker = dockerOn(host);
    const backend = createBackend({
      shell: webShell,
      engineOverride: host,
      configDir: settingsDir,
      validateOutputs: 'fail',
      log: (m) => said.push(m),
    });
    c = connectInProcess(backend);
    c.listeners.add((m: ServerMessage) => said.push(JSON.stringify(m)));
    c.api.tasks.watch.subscribe(undefined, { onEvent: () => {} });
    await eventually('engine connected', () => backend.services.engine.connected);
  });
  afterAll(async () => {
    c?.close();
    for (const t of tags) await docker('rmi', '-f', t).catch(() => '');
  });

  it('refuses a wrong password clearly, and stores nothing', async () => {
    const e = await apiError(c.api.images.login({ server: registry.host, username: USER, password: 'not-it' }));
    expect(e.code).toBe('failed');
    expect(e.message).toBe(`${registry.host} refused the user name or password.`);
    expect(await c.api.images.registries()).toEqual([]);
  });

  it('logs in through the docker CLI, lists it, and push and pull use it; logout forgets it', async () => {
    const signedIn = await c.api.images.login({ server: registry.host, username: USER, password: PASSWORD });
    expect(signedIn).toEqual({ server: registry.host, host: registry.host, username: USER, store: 'config file' });
    expect(await c.api.images.registries()).toEqual([signedIn]);
    // The docker CLI stored it where `docker login` would.
    const stored = JSON.parse(readFileSync(join(config.dir, 'config.json'), 'utf8')) as { auths: object };
    expect(Object.keys(stored.auths)).toEqual([registry.host]);

    const tag = `${repo()}:${uniqueName('v')}`;
    tags.push(tag);
    await docker('tag', FIXTURE_BUSYBOX, tag);
    const push = await c.api.tasks.wait({ id: (await c.api.images.push({ reference: tag })).taskId });
    expect(push.error).toBeUndefined();
    expect(push.state).toBe('succeeded');
    await docker('rmi', tag);
    const pull = await c.api.tasks.wait({ id: (await c.api.images.pull({ reference: tag })).taskId });
    expect(pull.state).toBe('succeeded');
    expect(await docker('image', 'inspect', '-f', '{{.Id}}', tag)).toBe(
      await docker('image', 'inspect', '-f', '{{.Id}}', FIXTURE_BUSYBOX),
    );

    await c.api.images.logout({ server: registry.host });
    expect(await c.api.images.registries()).toEqual([]);
    const refused = await c.api.tasks.wait({ id: (await c.api.images.push({ reference: tag })).taskId });
    expect(refused.state).toBe('failed');
    expect(refused.error?.message).toMatch(/refused access/);
    expect(refused.error?.hint).toMatch(/Settings › Registries/);
  });

  it('names an untrusted certificate and where its CA goes', async () => {
    registry.distrust();
    try {
      const e = await apiError(c.api.images.login({ server: registry.host, username: USER, password: PASSWORD }));
      expect(e.message).toMatch(/does not trust .*TLS certificate/);
      expect(e.hint).toContain(`/etc/docker/certs.d/${registry.host}/ca.crt`);
    } finally {
      registry.trust();
    }
    expect(await c.api.images.registries()).toEqual([]);
  });

  it('never lets the password out: not in a log, a task, the settings file or an answer', async () => {
    await c.api.settings.update({ theme: 'dark' }); // so the settings file exists
    const tasks = await Promise.all(
      (
        await new Promise<string[]>((resolve) => {
          const sub = c.api.tasks.watch.subscribe(undefined, {
            onEvent: (e) => {
              if (e.type === 'snapshot') {
                sub.unsubscribe();
                resolve(e.tasks.map((t) => t.id));
              }
            },
          });
        })
      ).map(async (id) => (await c.api.tasks.log({ id })).lines.join('\n')),
    );
    expect(tasks.length).toBeGreaterThan(0);
    const settingsFile = readFileSync(join(settingsDir, 'settings.json'), 'utf8');
    expect(said.length).toBeGreaterThan(0);
    for (const text of [...said, ...tasks, settingsFile]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'));
    }
  });
});
