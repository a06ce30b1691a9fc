/**
 * Docker contexts read from a DOCKER_CONFIG dir made here, as the CLI stores them: listed with the CLI's
 * current one and Berth's own marked, switched to from Berth (remembered in Settings, the engine reconnects
 * live), an unknown name refused, and the docker CLI given the same engine Berth uses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EngineState } from '../../contract/system';
import { createBackend } from '../../main/backend';
import { dockerCliEnv } from '../../main/common/dockerCliEnv';
import { defaultEndpointEnv } from '../../main/engine/endpoint';
import { webShell } from '../../main/services';
import { connectInProcess, type InProcessClient } from '../helpers/inProcessClient';
import { docker, eventually } from '../helpers/docker';
import { apiError } from '../helpers/errors';
import { writeDockerContext } from '../helpers/dockerContext';

const exec = promisify(execFile);
let config: string;
let configDir: string;
let client: InProcessClient;
const states: EngineState[] = [];
const last = () => states[states.length - 1];

const addContext = (name: string, host: string, description: string) =>
  writeDockerContext(config, name, host, description);

beforeAll(() => {
  config = mkdtempSync(join(tmpdir(), 'berth-contexts-'));
  configDir = mkdtempSync(join(tmpdir(), 'berth-contexts-settings-'));
  addContext('main-engine', 'unix:///var/run/docker.sock', "this machine's engine");
  addContext('gone', `unix://${join(config, 'nothing-here.sock')}`, 'an engine that is not running');
  writeFileSync(join(config, 'config.json'), JSON.stringify({ currentContext: 'gone' }));
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: config };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'BERTH_DOCKER_HOST']) delete env[k];
  const backend = createBackend({
    shell: webShell,
    configDir,
    validateOutputs: 'fail',
    engineEnv: { ...defaultEndpointEnv(), env },
  });
  client = connectInProcess(backend);
  client.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
});

afterAll(() => {
  client.close();
  rmSync(config, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
});

describe('docker contexts', () => {
  it("follows the CLI's current context and lists every one, marked", async () => {
    await eventually('the current context to be tried', () => last()?.status === 'unreachable', 30_000);
    expect(last()?.context).toBe('gone');
    const { contexts, configDir: read } = await client.api.system.contexts();
    expect(read).toBe(config);
    expect(contexts.map((c) => c.name)).toEqual(['default', 'gone', 'main-engine']);
    expect(contexts.find((c) => c.name === 'gone')).toMatchObject({ current: true, inUse: true, local: true });
    expect(contexts.find((c) => c.name === 'main-engine')).toMatchObject({
      current: false,
      inUse: false,
      description: "this machine's engine",
      host: 'unix:///var/run/docker.sock',
    });
  });

  it('switches to another context live, remembers it, and hands the CLI the same engine', async () => {
    const after = await client.api.system.useContext({ name: 'main-engine' });
    expect(after.contexts.find((c) => c.name === 'main-engine')?.inUse).toBe(true);
    expect(after.contexts.find((c) => c.name === 'gone')?.current).toBe(true); // the CLI's own stays as it was
    await eventually(
      'connected through main-engine',
      () => last()?.status === 'connected' && last()?.context === 'main-engine',
      30_000,
    );
    expect((await client.api.settings.get()).values.engineContext).toBe('main-engine');

    const env = dockerCliEnv(
      { url: last()!.endpoint, source: last()!.source, context: 'main-engine' },
      { ...process.env, DOCKER_CONFIG: config },
    );
    const { stdout } = await exec('docker', ['version', '--format', '{{.Server.Version}}'], { env });
    expect(stdout.trim()).toBe(await docker('version', '--format', '{{.Server.Version}}'));
  });

  it('refuses a context that does not exist', async () => {
    const e = await apiError(client.api.system.useContext({ name: 'no-such-context' }));
    expect(e.code).toBe('not_found');
    expect(e.hint).toMatch(/docker context create/);
  });
});
