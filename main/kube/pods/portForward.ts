/**
 * `kube.portForward`: checks the pod or Service exists (and the pod runs, and the Service has that port),
 * then starts a forward in the registry whose connections are resolved and piped through the cluster.
 */
import { ApiError } from '../../../contract/errors';
import type { KubePortForward } from '../../../contract/kubePods';
import { clientsFor, type KubeClients } from '../clients';
import { toKubeError } from '../kubeErrors';
import { ForwardTransport } from './forwardConnection';
import { resolveTarget, servicePort, type ForwardSpec } from './forwardTarget';
import type { PortForwards } from './forwards';

export interface PortForwardRequest extends ForwardSpec {
  context: string;
  kubeconfig?: string;
  localPort: number;
}

/** Throws when there is nothing to forward to; returns a warning when the Service has no ready pod yet. */
async function check(c: KubeClients, spec: ForwardSpec): Promise<string | undefined> {
  if (spec.kind === 'pod') {
    const pod = await c.core.readNamespacedPod({ name: spec.name, namespace: spec.namespace });
    if (pod.metadata?.deletionTimestamp || pod.status?.phase !== 'Running') {
      throw new ApiError(
        'conflict',
        `Pod ${spec.name} is ${pod.metadata?.deletionTimestamp ? 'being deleted' : (pod.status?.phase ?? 'not running').toLowerCase()}, so there is nothing to forward to.`,
        'Forward to a running pod, or to its Service.',
      );
    }
    return undefined;
  }
  const service = await c.core.readNamespacedService({ name: spec.name, namespace: spec.namespace });
  servicePort(service, spec.port);
  try {
    await resolveTarget(c, spec, 0);
    return undefined;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'failed') return e.message;
    throw e;
  }
}

export async function startPortForward(forwards: PortForwards, r: PortForwardRequest): Promise<KubePortForward> {
  const c = await clientsFor(r);
  const spec: ForwardSpec = { namespace: r.namespace, kind: r.kind, name: r.name, port: r.port };
  let warning: string | undefined;
  try {
    warning = await check(c, spec);
  } catch (e) {
    throw toKubeError(e, c);
  }
  const transport = new ForwardTransport(c, r.namespace);
  return forwards.start({
    ...spec,
    context: r.context,
    localPort: r.localPort,
    warning,
    backend: {
      resolve: async (turn) => {
        try {
          return await resolveTarget(c, spec, turn);
        } catch (e) {
          throw toKubeError(e, c);
        }
      },
      connect: (target, socket, report) => transport.connect(target.pod, target.port, socket, report),
      close: () => transport.close(),
    },
  });
}
