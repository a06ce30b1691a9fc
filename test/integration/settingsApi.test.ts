/** The settings domain through Berth's own client and router, with a real settings file and the real engine. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { eventually } from '../helpers/docker';
import { ApiError } from '../../contract/errors';
import type { EngineState } from '../../contract/system';
import type { OpenRequest, SettingsSnapshot } from '../../contract/settings';

let dir: string;
let t: TestBackend;
const previous = process.env.BERTH_CONFIG_DIR;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-settings-api-'));
  process.env.BERTH_CONFIG_DIR = dir;
  t = startTestBackend();
});
afterAll(() => {
  t.close();
  if (previous === undefined) delete process.env.BERTH_CONFIG_DIR;
  else process.env.BERTH_CONFIG_DIR = previous;
  rmSync(dir, { recursive: true, force: true });
});

describe('settings over the API', () => {
  it('gets the defaults and where the file is', async () => {
    const snap = await t.api.settings.get();
    expect(snap.file).toBe(join(dir, 'settings.json'));
    expect(snap.values.theme).toBe('system');
    expect(snap.restartRequired).toEqual([]);
  });

  it('updates, writes the file and pushes the change to watchers', async () => {
    const seen: SettingsSnapshot[] = [];
    const sub = t.api.settings.watch.subscribe(undefined, { onEvent: (s) => seen.push(s) });
    await eventually('the first snapshot', () => seen.length === 1);
    await t.api.settings.update({ theme: 'dark', bindLocalhost: false });
    await eventually('the change', () => seen.length === 2);
    expect(seen[1]?.values).toMatchObject({ theme: 'dark', bindLocalhost: false });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      theme: 'dark',
      bindLocalhost: false,
    });
    sub.unsubscribe();
  });

  it('refuses invalid input at the router with per-field details', async () => {
    const err = await t.api.settings
      .update({ theme: 'neon' as 'dark', defaultNamespace: 'Not A Namespace' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('invalid_input');
    const paths = ((err as ApiError).details as Array<{ path: string }>).map((d) => d.path).sort();
    expect(paths).toEqual(['defaultNamespace', 'theme']);
    expect((await t.api.settings.get()).values.theme).toBe('dark');
  });

  it('switches the engine at once when its socket setting changes, and back on reset', async () => {
    const states: EngineState[] = [];
    const sub = t.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
    const snap = await t.api.settings.update({ engineHost: 'unix:///tmp/berth-other.sock' });
    expect(snap.restartRequired).toEqual([]);
    await eventually('the engine to try the new socket', () =>
      states.some((s) => s.endpoint === 'unix:///tmp/berth-other.sock' && s.status === 'unreachable'),
    );
    const reset = await t.api.settings.reset();
    expect(reset.values.engineHost).toBe('');
    await eventually('the engine back on its own socket', () => {
      const last = states[states.length - 1];
      return last?.status === 'connected' && last.endpoint !== 'unix:///tmp/berth-other.sock';
    });
    sub.unsubscribe();
  });

  it('checks the environment, with the real engine connected', async () => {
    const report = await t.api.system.environment();
    const engine = report.checks.find((c) => c.id === 'engine');
    expect(engine).toMatchObject({ found: true, status: 'ok', required: true });
    expect(engine?.version).toMatch(/^\d+\.\d+/);
    expect(report.checks.map((c) => c.id)).toEqual(['engine', 'docker', 'compose', 'kind', 'kubectl', 'kubeconfig']);
  });

  it('delivers a compose file asked for before anyone listened, once', async () => {
    t.backend.services.shellRequests.openComposeFile('/srv/shop/compose.yaml');
    const got: OpenRequest[] = [];
    const sub = t.api.settings.openRequests.subscribe(undefined, { onEvent: (r) => got.push(r) });
    await eventually('the pending request', () => got.length === 1);
    expect(got[0]).toMatchObject({ kind: 'compose-file', path: '/srv/shop/compose.yaml' });
    t.backend.services.shellRequests.navigate('compose');
    sub.unsubscribe();
  });
});

describe('the engine socket from settings', () => {
  let other: TestBackend | undefined;
  afterEach(() => other?.close());

  it('is what a new backend connects to', async () => {
    const alt = mkdtempSync(join(tmpdir(), 'berth-settings-engine-'));
    try {
      writeFileSync(join(alt, 'settings.json'), JSON.stringify({ engineHost: join(alt, 'nothing.sock') }));
      process.env.BERTH_CONFIG_DIR = alt;
      other = startTestBackend();
      process.env.BERTH_CONFIG_DIR = dir;
      const states: EngineState[] = [];
      other.api.system.engine.subscribe(undefined, { onEvent: (s) => states.push(s) });
      const down = await eventually('unreachable', () => states.find((s) => s.status === 'unreachable'));
      expect(down.endpoint).toBe(`unix://${join(alt, 'nothing.sock')}`);
      expect(down.source).toBe('Settings');
      const report = await other.api.system.environment();
      expect(report.checks[0]).toMatchObject({ id: 'engine', found: false });
      expect(report.checks[0]?.fix?.text).toBeTruthy();
    } finally {
      rmSync(alt, { recursive: true, force: true });
    }
  });
});
