/**
 * Config: ConfigMaps, Secrets (their values never leave main with the object: `secretValues`),
 * HorizontalPodAutoscalers and PodDisruptionBudgets.
 */
import type { KindDescription } from './model';
import { because, condition, field, keys, num, owners, selectedPods, str } from './fields';

export const configMaps: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  title: 'ConfigMaps',
  namespaced: true,
  category: 'Config',
  columns: [{ name: 'Keys', value: (o) => [...keys(o, 'data'), ...keys(o, 'binaryData')].join(',') || null }],
  relations: owners,
  actions: ['editYaml', 'delete'],
};

export const secrets: KindDescription = {
  group: '',
  version: 'v1',
  resource: 'secrets',
  kind: 'Secret',
  title: 'Secrets',
  namespaced: true,
  category: 'Config',
  columns: [
    { name: 'Type', value: field('type') },
    // The keys only; the values are secret.
    { name: 'Keys', value: (o) => keys(o, 'data').join(',') || null },
  ],
  relations: owners,
  actions: ['editYaml', 'delete'],
  secretValues: true,
};

export const horizontalPodAutoscalers: KindDescription = {
  group: 'autoscaling',
  version: 'v2',
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
  title: 'HorizontalPodAutoscalers',
  namespaced: true,
  category: 'Config',
  columns: [
    {
      name: 'Reference',
      value: (o) => `${str(o, 'spec.scaleTargetRef.kind') ?? ''}/${str(o, 'spec.scaleTargetRef.name') ?? ''}`,
    },
    { name: 'Min', type: 'number', value: (o) => num(o, 'spec.minReplicas') ?? 1 },
    { name: 'Max', type: 'number', value: (o) => num(o, 'spec.maxReplicas') ?? null },
    { name: 'Replicas', type: 'number', value: (o) => num(o, 'status.currentReplicas') ?? 0 },
  ],
  status: (o) => {
    const active = condition(o, 'ScalingActive');
    const able = condition(o, 'AbleToScale');
    if (able?.status === 'False')
      return { health: 'failing', text: able.reason ?? 'Cannot scale', reason: because(able) };
    if (active?.status === 'False')
      return { health: 'failing', text: active.reason ?? 'Not scaling', reason: because(active) };
    if (active?.status === 'True') return { health: 'healthy', text: 'Scaling' };
    return { health: 'progressing', text: 'Pending', reason: 'No metrics read yet' };
  },
  relations: (o) => {
    const ref = { kind: str(o, 'spec.scaleTargetRef.kind'), name: str(o, 'spec.scaleTargetRef.name') };
    const apiVersion = str(o, 'spec.scaleTargetRef.apiVersion') ?? 'apps/v1';
    return [
      ...owners(o),
      ...(ref.kind && ref.name
        ? [
            {
              type: 'uses' as const,
              target: { apiVersion, kind: ref.kind, name: ref.name, namespace: o.metadata?.namespace },
            },
          ]
        : []),
    ];
  },
  actions: ['editYaml', 'delete'],
};

export const podDisruptionBudgets: KindDescription = {
  group: 'policy',
  version: 'v1',
  resource: 'poddisruptionbudgets',
  kind: 'PodDisruptionBudget',
  title: 'PodDisruptionBudgets',
  namespaced: true,
  category: 'Config',
  columns: [
    { name: 'Min available', value: field('spec.minAvailable') },
    { name: 'Max unavailable', value: field('spec.maxUnavailable') },
    { name: 'Allowed disruptions', type: 'number', value: (o) => num(o, 'status.disruptionsAllowed') ?? 0 },
  ],
  status: (o) => {
    const allowed = condition(o, 'DisruptionAllowed');
    if (allowed?.status === 'True') return { health: 'healthy', text: 'Disruption allowed' };
    return { health: 'progressing', text: 'No disruption allowed', reason: because(allowed) };
  },
  relations: (o) => [...owners(o), ...selectedPods(o)],
  actions: ['editYaml', 'delete'],
};

export const configKinds = [configMaps, secrets, horizontalPodAutoscalers, podDisruptionBudgets];
