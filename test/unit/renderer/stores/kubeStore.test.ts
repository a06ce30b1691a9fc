/**
 * The namespace each kubeconfig context comes back with: the one last shown in it (Settings'
 * kubeNamespaces, '' meaning all namespaces), else the context's own namespace, else the default
 * namespace from Settings; switching contexts in the store applies it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { KubeContext } from '../../../../contract/kube';
import { DEFAULT_SETTINGS, type SettingsSnapshot } from '../../../../contract/settings';
import { namespaceFor, REMEMBERED_CONTEXTS, useKube } from '../../../../renderer/stores/kubeStore';
import { saveSettings, useSettings } from '../../../../renderer/stores/settingsStore';

vi.mock('../../../../renderer/stores/settingsStore', async (original) => ({
  ...(await original<typeof import('../../../../renderer/stores/settingsStore')>()),
  saveSettings: vi.fn(async () => undefined),
}));

const context = (name: string, namespace?: string): KubeContext => ({
  name,
  cluster: name,
  namespace,
  auth: 'token',
  insecure: false,
  current: false,
  kind: false,
});
const contexts = [context('a'), context('b'), context('c', 'team-c'), context('d')];

beforeEach(() => {
  const snapshot: SettingsSnapshot = {
    values: { ...DEFAULT_SETTINGS, defaultNamespace: 'fallback', kubeNamespaces: { a: 'ns-a', b: '' } },
    file: '/x/settings.json',
    restartRequired: [],
  };
  useSettings.setState({ snapshot });
  useKube.setState({ contexts, context: undefined, namespace: 'default', status: {} });
  vi.mocked(saveSettings).mockClear();
});

describe('the namespace of each context', () => {
  it('is the remembered one, else the context’s own, else the default from Settings', () => {
    expect(namespaceFor('a', contexts)).toBe('ns-a');
    expect(namespaceFor('b', contexts)).toBe('');
    expect(namespaceFor('c', contexts)).toBe('team-c');
    expect(namespaceFor('d', contexts)).toBe('fallback');
  });

  it('comes back when a context is picked again; picking the same context keeps the namespace shown', () => {
    const { select } = useKube.getState();
    select('c');
    expect(useKube.getState().namespace).toBe('team-c');
    select('a');
    expect(useKube.getState().namespace).toBe('ns-a');
    useKube.setState({ namespace: 'picked-meanwhile' });
    select('a');
    expect(useKube.getState().namespace).toBe('picked-meanwhile');
    select('b');
    expect(useKube.getState()).toMatchObject({ context: 'b', namespace: '' });
  });

  it('is saved when picked, the most recent contexts kept', () => {
    useKube.setState({ context: 'c' });
    useKube.getState().setNamespace('team-x');
    expect(saveSettings).toHaveBeenLastCalledWith({ kubeNamespaces: { a: 'ns-a', b: '', c: 'team-x' } });
    // The same namespace again: nothing to save.
    useSettings.setState((s) => ({
      snapshot: s.snapshot && { ...s.snapshot, values: { ...s.snapshot.values, kubeNamespaces: { c: 'team-x' } } },
    }));
    useKube.getState().setNamespace('team-x');
    expect(saveSettings).toHaveBeenCalledTimes(1);
    const many = Object.fromEntries(Array.from({ length: REMEMBERED_CONTEXTS }, (_, i) => [`ctx-${i}`, 'ns']));
    useSettings.setState((s) => ({
      snapshot: s.snapshot && { ...s.snapshot, values: { ...s.snapshot.values, kubeNamespaces: many } },
    }));
    useKube.getState().setNamespace('team-y');
    const saved = vi.mocked(saveSettings).mock.lastCall?.[0].kubeNamespaces ?? {};
    expect(Object.keys(saved)).toHaveLength(REMEMBERED_CONTEXTS);
    expect(saved['ctx-0']).toBeUndefined();
    expect(Object.entries(saved).at(-1)).toEqual(['c', 'team-y']);
  });
});

describe("Settings' default namespace", () => {
  it('applies as the store is made (after Settings arrived: it is off the first paint) and follows Settings', async () => {
    vi.resetModules();
    const settings = await import('../../../../renderer/stores/settingsStore');
    const snapshot = (defaultNamespace: string): SettingsSnapshot => ({
      values: { ...DEFAULT_SETTINGS, defaultNamespace },
      file: '/x/settings.json',
      restartRequired: [],
    });
    settings.useSettings.setState({ snapshot: snapshot('team-x') });
    const { useKube: made } = await import('../../../../renderer/stores/kubeStore');
    expect(made.getState().namespace).toBe('team-x');
    settings.useSettings.setState({ snapshot: snapshot('team-y') });
    expect(made.getState().namespace).toBe('team-y');
  });
});
