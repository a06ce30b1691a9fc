/**
 * Container states as a user reads them (reason, exit code, last state, restarts), the pod STATUS kubectl
 * prints, which container a request means, and the exec status channel.
 */
import { describe, expect, it } from 'vitest';
import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { podContainers, podDisplayPhase, terminationReason } from '../../../../main/kube/podState';
import { toEndpointSlice, toEvent, toService } from '../../../../main/kube/mappers';
import { notRunningReason, pickContainer, requireRunning } from '../../../../main/kube/pods/podContainer';
import { execOutcome, frame, parseExecStatus } from '../../../../main/kube/pods/execStatus';
import { ApiError } from '../../../../contract/errors';

/** The ApiError a synchronous call throws. */
function thrown(run: () => unknown): ApiError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error('expected an ApiError');
}

const status = (name: string, s: Partial<V1ContainerStatus>): V1ContainerStatus => ({
  name,
  image: 'busybox',
  imageID: '',
  ready: false,
  restartCount: 0,
  ...s,
});

const pod = (p: { spec?: Partial<V1Pod['spec']>; status?: V1Pod['status']; metadata?: V1Pod['metadata'] }): V1Pod => ({
  metadata: { name: 'web-1', namespace: 'ns', ...p.metadata },
  spec: { containers: [{ name: 'web', image: 'busybox' }], ...p.spec },
  status: p.status,
});

describe('container states', () => {
  it('names the reason: CrashLoopBackOff with the last run OOMKilled, its exit code and restarts', () => {
    const { containers } = podContainers(
      pod({
        spec: { containers: [{ name: 'web', image: 'busybox', ports: [{ containerPort: 8080 }] }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            status('web', {
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
              lastState: {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  finishedAt: new Date('2026-01-02T03:04:05Z'),
                },
              },
            }),
          ],
        },
      }),
    );
    expect(containers[0]).toEqual({
      name: 'web',
      image: 'busybox',
      ready: false,
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      message: 'back-off 40s restarting failed container',
      exitCode: undefined,
      restarts: 4,
      startedAt: undefined,
      lastState: {
        reason: 'OOMKilled',
        exitCode: 137,
        signal: undefined,
        message: undefined,
        startedAt: undefined,
        finishedAt: '2026-01-02T03:04:05.000Z',
      },
      ports: [{ name: undefined, containerPort: 8080, protocol: 'TCP' }],
    });
  });

  it('says Error or Completed for a terminated container without a reason, with its exit code', () => {
    expect(terminationReason({ exitCode: 0 })).toBe('Completed');
    expect(terminationReason({ exitCode: 3 })).toBe('Error');
    expect(terminationReason({ exitCode: 137, reason: 'OOMKilled' })).toBe('OOMKilled');
    const { containers } = podContainers(
      pod({ status: { containerStatuses: [status('web', { state: { terminated: { exitCode: 2 } } })] } }),
    );
    expect(containers[0]).toMatchObject({ state: 'terminated', reason: 'Error', exitCode: 2 });
  });

  it('keeps init containers apart, in their order, with image pull errors', () => {
    const { initContainers, containers } = podContainers(
      pod({
        spec: {
          initContainers: [
            { name: 'migrate', image: 'nope:1' },
            { name: 'seed', image: 'busybox' },
          ],
        },
        status: {
          phase: 'Pending',
          initContainerStatuses: [
            status('migrate', { state: { waiting: { reason: 'ImagePullBackOff', message: 'pull access denied' } } }),
          ],
        },
      }),
    );
    expect(initContainers.map((c) => [c.name, c.state, c.reason])).toEqual([
      ['migrate', 'waiting', 'ImagePullBackOff'],
      ['seed', 'unknown', undefined],
    ]);
    expect(containers.map((c) => c.name)).toEqual(['web']);
  });

  it('gives the pod kubectl’s STATUS: ErrImagePull, Error, Completed, Init:Error, OOMKilled', () => {
    const running = (s: V1ContainerStatus) => pod({ status: { phase: 'Running', containerStatuses: [s] } });
    expect(podDisplayPhase(running(status('web', { state: { waiting: { reason: 'ErrImagePull' } } })))).toEqual({
      display: 'Running',
      reason: 'ErrImagePull',
    });
    expect(podDisplayPhase(running(status('web', { state: { terminated: { exitCode: 1 } } })))).toEqual({
      display: 'Running',
      reason: 'Error',
    });
    expect(
      podDisplayPhase(running(status('web', { state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }))),
    ).toEqual({ display: 'Running', reason: 'OOMKilled' });
    expect(podDisplayPhase(running(status('web', { state: { running: {} } })))).toEqual({ display: 'Running' });
    expect(
      podDisplayPhase(
        pod({
          spec: { nodeName: 'n1' },
          status: {
            phase: 'Pending',
            initContainerStatuses: [status('i', { state: { terminated: { exitCode: 1 } } })],
          },
        }),
      ),
    ).toEqual({ display: 'Pending', reason: 'Init:Error' });
    expect(
      podDisplayPhase(
        pod({
          status: { phase: 'Failed', containerStatuses: [status('web', { state: { terminated: { exitCode: 4 } } })] },
        }),
      ),
    ).toEqual({ display: 'Failed', reason: 'Error' });
  });
});

describe('services, endpoint slices and events', () => {
  it('shows port:targetPort/protocol and nodePort, and ready endpoints with their pods', () => {
    const s = toService({
      metadata: { name: 'web', namespace: 'ns' },
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http' as unknown as number, nodePort: 30080 }],
      },
    });
    expect(s.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }]);
    const e = toEndpointSlice({
      addressType: 'IPv4',
      metadata: { name: 'web-abc', namespace: 'ns', labels: { 'kubernetes.io/service-name': 'web' } },
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [
        { addresses: ['10.0.0.1'], conditions: { ready: true }, targetRef: { kind: 'Pod', name: 'web-1' } },
        { addresses: ['10.0.0.2'], conditions: { ready: false }, targetRef: { kind: 'Pod', name: 'web-2' } },
        {
          addresses: ['10.0.0.3'],
          conditions: { ready: true, terminating: true },
          targetRef: { kind: 'Pod', name: 'web-3' },
        },
        { addresses: ['10.0.0.4'], targetRef: { kind: 'Pod', name: 'web-4' } },
      ],
    });
    expect(e).toMatchObject({ id: 'ns/web-abc', service: 'web', ready: 2, total: 4, readyPods: ['web-1', 'web-4'] });
  });

  it('keeps the container an event is about', () => {
    const ev = toEvent({
      metadata: { name: 'e', namespace: 'ns', uid: 'u' },
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
    });
    expect(ev.object).toEqual({ kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' });
  });
});

describe('which container', () => {
  const p = pod({
    metadata: { name: 'web-1', annotations: { 'kubectl.kubernetes.io/default-container': 'app' } },
    spec: {
      containers: [
        { name: 'proxy', image: 'x' },
        { name: 'app', image: 'y' },
      ],
      initContainers: [{ name: 'init', image: 'z' }],
    },
    status: {
      containerStatuses: [
        status('proxy', { state: { running: {} } }),
        status('app', { state: { waiting: { reason: 'CrashLoopBackOff' } } }),
      ],
      initContainerStatuses: [status('init', { state: { terminated: { exitCode: 0, reason: 'Completed' } } })],
    },
  });

  it('takes the named one, the annotated default, or the first; init containers by name', () => {
    expect(pickContainer(p).name).toBe('app');
    expect(pickContainer(p, 'proxy')).toMatchObject({ name: 'proxy', kind: 'container' });
    expect(pickContainer(p, 'init')).toMatchObject({ name: 'init', kind: 'init container' });
    expect(pickContainer(pod({})).name).toBe('web');
    const e = thrown(() => pickContainer(p, 'nope'));
    expect(e).toMatchObject({ code: 'not_found', message: 'Pod web-1 has no container "nope".' });
    expect(e.hint).toBe('Its containers: proxy, app, init.');
  });

  it('refuses a container that does not run, saying how it is', () => {
    expect(() => requireRunning(p, pickContainer(p, 'proxy'), 'open a shell in')).not.toThrow();
    const e = thrown(() => requireRunning(p, pickContainer(p, 'app'), 'open a shell in'));
    expect(e.code).toBe('conflict');
    expect(e.message).toBe(
      'The container "app" of pod web-1 is waiting (CrashLoopBackOff), so there is nothing to open a shell in.',
    );
    expect(notRunningReason(status('x', { state: { terminated: { exitCode: 0, reason: 'Completed' } } }))).toBe(
      'terminated (Completed, exit code 0)',
    );
  });
});

describe('exec status channel', () => {
  it('reads exit codes and failures to start, telling a missing command apart', () => {
    expect(execOutcome({ status: 'Success' })).toEqual({ kind: 'exited', code: 0 });
    expect(
      execOutcome({
        status: 'Failure',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '3' }] },
      }),
    ).toEqual({ kind: 'exited', code: 3 });
    const missing = execOutcome(
      parseExecStatus(
        Buffer.from(
          JSON.stringify({
            status: 'Failure',
            reason: 'InternalError',
            message:
              'Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "x": OCI runtime exec failed: exec failed: unable to start container process: exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown',
          }),
        ),
      ),
    );
    expect(missing).toMatchObject({ kind: 'failed', missingCommand: true });
    expect(execOutcome({ status: 'Failure', message: 'container not running' })).toMatchObject({
      kind: 'failed',
      missingCommand: false,
    });
    expect([...frame(4, '{"Width":80}')]).toEqual([4, ...Buffer.from('{"Width":80}')]);
  });
});
