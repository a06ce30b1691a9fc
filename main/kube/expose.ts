/**
 * `kubectl expose deployment`: a Service (ClusterIP or NodePort) selecting the deployment's pods by its
 * selector's labels, one TCP port to a container port.
 */
import type { V1Service } from '@kubernetes/client-node';
import { ApiError } from '../../contract/errors';
import { ExposeInput } from '../../contract/kubePods';
import { httpStatus } from './kubeErrors';
import { withClients } from './workloads';

type Expose = ReturnType<typeof ExposeInput.parse>;

export function exposeManifest(input: Expose, selector: Record<string, string>): V1Service {
  const name = input.service ?? input.name;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: input.namespace, labels: { 'app.kubernetes.io/managed-by': 'berth' } },
    spec: {
      type: input.type,
      selector,
      ports: [
        { name: `p${input.port}`, port: input.port, targetPort: input.targetPort ?? input.port, protocol: 'TCP' },
      ],
    },
  };
}

export function exposeDeployment(raw: ExposeInput) {
  const input = ExposeInput.parse(raw);
  return withClients(input, async (c) => {
    const d = await c.apps.readNamespacedDeployment({ name: input.name, namespace: input.namespace });
    const selector = d.spec?.selector?.matchLabels ?? {};
    if (Object.keys(selector).length === 0 || d.spec?.selector?.matchExpressions?.length) {
      throw new ApiError(
        'failed',
        `Deployment ${input.name} selects its pods with expressions, which a Service selector cannot express.`,
        'Write the Service yourself and apply it.',
      );
    }
    const body = exposeManifest(input, selector);
    try {
      await c.core.createNamespacedService({ namespace: input.namespace, body, fieldManager: 'berth' });
    } catch (e) {
      if (httpStatus(e) === 409) {
        throw new ApiError(
          'conflict',
          `A Service named ${body.metadata?.name} already exists in ${input.namespace}.`,
          'Give the new Service another name.',
        );
      }
      throw e;
    }
    return { service: body.metadata?.name ?? input.name };
  });
}
