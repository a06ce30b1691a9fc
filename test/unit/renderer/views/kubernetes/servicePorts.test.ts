/**
 * The Kubernetes view's pure helpers for pods and Services: container states in words, the Warning event
 * that explains a state, Service ports and endpoints, and the port-forward and expose forms.
 */
import { describe, expect, it } from 'vitest';
import type { KubeEvent, PodContainer } from '../../../../../contract/kube';
import {
  explainingEvent,
  fieldPathContainer,
  lastStateLabel,
  stateLabel,
  stateTone,
} from '../../../../../renderer/views/kubernetes/containerState';
import { endpointsByService, portLabel, selectorLabel } from '../../../../../renderer/views/kubernetes/servicePorts';
import { checkForwardForm } from '../../../../../renderer/views/kubernetes/forwardForm';
import { checkExposeForm } from '../../../../../renderer/views/kubernetes/exposeForm';

const container = (c: Partial<PodContainer>): PodContainer => ({
  name: 'web',
  image: 'busybox',
  ready: false,
  state: 'running',
  restarts: 0,
  ports: [],
  ...c,
});

const event = (e: Partial<KubeEvent> & { fieldPath?: string }): KubeEvent => ({
  id: Math.random().toString(36),
  namespace: 'ns',
  type: 'Warning',
  reason: 'BackOff',
  message: 'Back-off restarting failed container',
  object: { kind: 'Pod', name: 'web-1', fieldPath: e.fieldPath },
  count: 1,
  lastSeen: '2026-01-01T00:00:00Z',
  ...e,
});

describe('container state in words', () => {
  it('says the reason and exit code, and colours failures red', () => {
    expect(stateLabel(container({ ready: true }))).toBe('Running');
    expect(stateLabel(container({ state: 'waiting', reason: 'CrashLoopBackOff' }))).toBe('Waiting: CrashLoopBackOff');
    expect(stateLabel(container({ state: 'terminated', reason: 'Error', exitCode: 3 }))).toBe(
      'Terminated: Error (exit code 3)',
    );
    expect(stateTone(container({ state: 'waiting', reason: 'ImagePullBackOff' }))).toBe('bad');
    expect(stateTone(container({ state: 'waiting', reason: 'ContainerCreating' }))).toBe('warn');
    expect(stateTone(container({ state: 'terminated', reason: 'Completed', exitCode: 0 }))).toBe('muted');
    expect(stateTone(container({ ready: true }))).toBe('ok');
    expect(lastStateLabel(container({ lastState: { reason: 'OOMKilled', exitCode: 137 } }))).toBe(
      'OOMKilled (exit code 137)',
    );
    expect(lastStateLabel(container({}))).toBeUndefined();
  });

  it('finds the latest Warning about that container, else about the pod', () => {
    expect(fieldPathContainer('spec.containers{web}')).toBe('web');
    expect(fieldPathContainer('spec.initContainers{init}')).toBe('init');
    const events = [
      event({ reason: 'Failed', fieldPath: 'spec.containers{web}', lastSeen: '2026-01-01T00:00:01Z' }),
      event({ reason: 'BackOff', fieldPath: 'spec.containers{web}', lastSeen: '2026-01-01T00:00:05Z' }),
      event({ reason: 'Unhealthy', fieldPath: 'spec.containers{side}', lastSeen: '2026-01-01T00:00:09Z' }),
      event({ reason: 'FailedMount', lastSeen: '2026-01-01T00:00:07Z' }),
      event({ type: 'Normal', reason: 'Pulled', lastSeen: '2026-01-01T00:00:10Z' }),
      event({ reason: 'Other', object: { kind: 'Pod', name: 'web-2' }, lastSeen: '2026-01-01T00:00:11Z' }),
    ];
    expect(explainingEvent(events, 'web-1', 'web')?.reason).toBe('BackOff');
    expect(explainingEvent(events, 'web-1', 'other')?.reason).toBe('FailedMount');
    expect(explainingEvent(events, 'web-1')?.reason).toBe('Unhealthy');
    expect(explainingEvent(events, 'web-3')).toBeUndefined();
  });
});

describe('services', () => {
  it('reads ports as port:targetPort/protocol with the node port, and sums endpoints per Service', () => {
    expect(portLabel({ port: 80, targetPort: 8080, protocol: 'TCP' })).toBe('80:8080/TCP');
    expect(portLabel({ port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 })).toBe(
      '80:http/TCP (node port 30080)',
    );
    expect(selectorLabel({ app: 'web', tier: 'front' })).toBe('app=web, tier=front');
    const slice = (name: string, service: string, ready: number, total: number) => ({
      id: `ns/${name}`,
      name,
      namespace: 'ns',
      service,
      ready,
      total,
      readyPods: [],
      ports: [],
    });
    expect(endpointsByService([slice('a', 'web', 1, 2), slice('b', 'web', 2, 2), slice('c', 'db', 0, 1)])).toEqual(
      new Map([
        ['ns/web', { ready: 3, total: 4 }],
        ['ns/db', { ready: 0, total: 1 }],
      ]),
    );
  });
});

describe('forms', () => {
  it('port-forward: a remote port, and a local port that may be empty', () => {
    expect(checkForwardForm('8080', '')).toEqual({ ok: true, port: 8080, localPort: 0 });
    expect(checkForwardForm(' 80 ', '9000')).toEqual({ ok: true, port: 80, localPort: 9000 });
    expect(checkForwardForm('', '')).toEqual({ ok: false, field: 'port', message: 'Port must be a whole number.' });
    expect(checkForwardForm('70000', '')).toMatchObject({ ok: false, field: 'port' });
    expect(checkForwardForm('80', 'x')).toEqual({
      ok: false,
      field: 'localPort',
      message: 'Local port must be a whole number, or empty.',
    });
  });

  it('expose: names the field that is wrong, with the contract’s messages', () => {
    const target = { context: 'c', namespace: 'ns', name: 'web' };
    expect(checkExposeForm({ service: '', type: 'NodePort', port: '80', targetPort: '8080' }, target)).toEqual({
      ok: true,
      input: { ...target, service: undefined, type: 'NodePort', port: 80, targetPort: 8080 },
    });
    expect(checkExposeForm({ service: 'Web', type: 'ClusterIP', port: '80', targetPort: '' }, target)).toMatchObject({
      ok: false,
      errors: { service: 'Use lower-case letters, digits and dashes; start and end with a letter or digit.' },
    });
    expect(checkExposeForm({ service: 'web', type: 'ClusterIP', port: 'eighty', targetPort: '' }, target)).toEqual({
      ok: false,
      errors: { port: 'Port must be a number.' },
    });
    expect(checkExposeForm({ service: 'web', type: 'ClusterIP', port: '80', targetPort: '0' }, target)).toEqual({
      ok: false,
      errors: { targetPort: 'Target port must be between 1 and 65535.' },
    });
  });
});
