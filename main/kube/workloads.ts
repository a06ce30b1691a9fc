/** Writes to a cluster: scale through the scale subresource, deploy an image, delete. */
import type { V1Deployment, V1Service } from '@kubernetes/client-node';
import { DeployInput, type KubeTarget } from '../../contract/kube';
import { clientsFor, type KubeClients } from './clients';
import { httpStatus, toKubeError } from './kubeErrors';
import { forgetCredential } from './auth/kubeconfigAuth';
import { scaleFailed } from './rollouts/scaleFailure';

const FIELD_MANAGER = 'berth';

export async function withClients<R>(target: KubeTarget, run: (c: KubeClients) => Promise<R>): Promise<R> {
  const c = await clientsFor(target);
  try {
    return await run(c);
  } catch (e) {
    if (httpStatus(e) === 401) forgetCredential(c.config.getCurrentUser());
    throw toKubeError(e, { context: c.context, server: c.server });
  }
}

/** Patches deployments/<name>/scale: only the replica count changes, nothing else of the spec. */
export function scaleDeployment(target: KubeTarget, namespace: string, name: string, replicas: number) {
  return withClients(target, async (c) => {
    const scale = await c.apps
      .patchNamespacedDeploymentScale({
        name,
        namespace,
        body: [{ op: 'replace', path: '/spec/replicas', value: replicas }],
        fieldManager: FIELD_MANAGER,
      })
      .catch((e: unknown) => {
        throw scaleFailed(e, c, name, replicas);
      });
    return { replicas: scale.spec?.replicas ?? replicas };
  });
}

export function deploymentManifest(input: ReturnType<typeof DeployInput.parse>): V1Deployment {
  const labels = { app: input.name, 'app.kubernetes.io/managed-by': 'berth' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: input.name, namespace: input.namespace, labels },
    spec: {
      replicas: input.replicas,
      selector: { matchLabels: { app: input.name } },
      template: {
        metadata: { labels },
        spec: {
          ...(input.onControlPlane
            ? {
                tolerations: [
                  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
                ],
              }
            : {}),
          containers: [
            {
              name: input.name,
              image: input.image,
              // A kind cluster has images `kind load`ed into its nodes, often tagged :latest, for which the
              // default (Always) would try a registry and fail: use the node's copy when it has one.
              imagePullPolicy: input.imagePullPolicy ?? 'IfNotPresent',
              ports: input.ports.map((p) => ({ containerPort: p })),
            },
          ],
        },
      },
    },
  };
}

export function serviceManifest(input: ReturnType<typeof DeployInput.parse>): V1Service | undefined {
  if (input.service === 'none' || input.ports.length === 0) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: input.name, namespace: input.namespace, labels: { app: input.name } },
    spec: {
      type: input.service,
      selector: { app: input.name },
      ports: input.ports.map((p) => ({ name: `p${p}`, port: p, targetPort: p, protocol: 'TCP' })),
    },
  };
}

export function deploy(raw: DeployInput) {
  const input = DeployInput.parse(raw);
  return withClients(input, async (c) => {
    if (input.createNamespace) {
      try {
        await c.core.createNamespace({ body: { metadata: { name: input.namespace } } });
      } catch (e) {
        if (httpStatus(e) !== 409) throw e;
      }
    }
    const deployment = await c.apps.createNamespacedDeployment({
      namespace: input.namespace,
      body: deploymentManifest(input),
      fieldManager: FIELD_MANAGER,
    });
    const svc = serviceManifest(input);
    const service = svc
      ? await c.core.createNamespacedService({ namespace: input.namespace, body: svc, fieldManager: FIELD_MANAGER })
      : undefined;
    return { deployment: deployment.metadata?.name ?? input.name, service: service?.metadata?.name };
  });
}

export function deleteDeployment(target: KubeTarget, namespace: string, name: string) {
  return withClients(target, async (c) => {
    await c.apps.deleteNamespacedDeployment({ name, namespace, propagationPolicy: 'Background' });
    return { ok: true as const };
  });
}

export function deleteNamespace(target: KubeTarget, name: string) {
  return withClients(target, async (c) => {
    await c.core.deleteNamespace({ name });
    return { ok: true as const };
  });
}

const STATUS_TIMEOUT_MS = 8000;

/** The server's version, or cluster_unreachable. */
export function clusterStatus(target: KubeTarget) {
  return withClients(target, async (c) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new DOMException('timed out', 'TimeoutError')), STATUS_TIMEOUT_MS);
    });
    try {
      const v = await Promise.race([c.version.getCode(), timeout]);
      return {
        context: c.context,
        server: c.server || undefined,
        reachable: true as const,
        version: v.gitVersion,
        platform: v.platform,
      };
    } finally {
      clearTimeout(timer);
    }
  });
}
