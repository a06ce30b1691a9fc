/**
 * The manifest a create form stands for: a Deployment, Service, ConfigMap, Secret or Job with the few
 * fields the form asks, labelled as Berth's, plus where that kind lives (group, version, resource).
 */
import type { z } from 'zod';
import type { CreateForm } from '../../../contract/kubeActions';
import type { Json } from '../edit/threeWayMerge';

type Form = z.output<typeof CreateForm>;

export interface FormManifest {
  group: string;
  version: string;
  resource: string;
  manifest: { [key: string]: Json };
}

const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'berth' };

export function formManifest(form: Form, namespace: string): FormManifest {
  const metadata = (labels: Record<string, string> = {}) => ({
    name: form.name,
    namespace,
    labels: { ...labels, ...MANAGED_BY },
  });
  switch (form.kind) {
    case 'Deployment': {
      const labels = { app: form.name };
      return {
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        manifest: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: metadata(labels),
          spec: {
            replicas: form.replicas,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                containers: [
                  {
                    name: form.name,
                    image: form.image,
                    ...(form.port ? { ports: [{ containerPort: form.port }] } : {}),
                  },
                ],
              },
            },
          },
        },
      };
    }
    case 'Service':
      return {
        group: '',
        version: 'v1',
        resource: 'services',
        manifest: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: metadata(),
          spec: {
            type: form.type,
            selector: form.selector,
            ports: [{ port: form.port, targetPort: form.targetPort, protocol: 'TCP' }],
          },
        },
      };
    case 'ConfigMap':
      return {
        group: '',
        version: 'v1',
        resource: 'configmaps',
        manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(), data: form.data },
      };
    case 'Secret':
      return {
        group: '',
        version: 'v1',
        resource: 'secrets',
        manifest: { apiVersion: 'v1', kind: 'Secret', metadata: metadata(), type: form.type, stringData: form.data },
      };
    case 'Job':
      return {
        group: 'batch',
        version: 'v1',
        resource: 'jobs',
        manifest: {
          apiVersion: 'batch/v1',
          kind: 'Job',
          metadata: metadata(),
          spec: {
            backoffLimit: form.backoffLimit,
            template: {
              spec: {
                restartPolicy: 'Never',
                containers: [
                  { name: form.name, image: form.image, ...(form.command.length ? { command: form.command } : {}) },
                ],
              },
            },
          },
        },
      };
  }
}
