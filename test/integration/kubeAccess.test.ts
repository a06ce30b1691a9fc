/**
 * RBAC as the API server decides it, for a ServiceAccount bound to a namespaced Role: a kubeconfig with a
 * token from the TokenRequest API (kubectl create token), then SelfSubjectAccessReview answers (allowed,
 * denied with a one-line reason), SelfSubjectRulesReview, and the actions themselves: an allowed scale goes
 * through, a forbidden delete fails with the RBAC hint, a list outside the namespace is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import { apiError } from '../helpers/errors';
import type { ApiErrorShape } from '../../contract/apiError';
import { isForbidden } from '../../renderer/common/apiError';
import { deleteNamespaces, kubectl, testNamespace, useKubeCluster, type KubeCluster } from '../helpers/kubeCluster';
import { deploymentYaml, jsonpath, kubectlApply } from '../helpers/kubeObjects';

let cluster: KubeCluster;
let t: TestBackend;
let ns: string;
let dir: string;
let limited: { context: string; kubeconfig: string };

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  ns = testNamespace();
  await kubectl('create', 'namespace', ns);
  await kubectlApply(`
apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer, namespace: ${ns}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: viewer, namespace: ${ns}}
rules:
  - {apiGroups: [apps], resources: [deployments], verbs: [get, list, watch]}
  - {apiGroups: [apps], resources: [deployments/scale], verbs: [get, patch]}
  - {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: viewer}
subjects: [{kind: ServiceAccount, name: viewer, namespace: ${ns}}]
${deploymentYaml(ns, 'web', 1).replace(/^\n/, '---\n')}`);
  // kubectl create token asks the TokenRequest API for a bound token.
  const token = await kubectl('create', 'token', 'viewer', '-n', ns, '--duration=1h');
  const server = await kubectl('config', 'view', '--raw', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}');
  const ca = await kubectl(
    'config',
    'view',
    '--raw',
    '--minify',
    '-o',
    'jsonpath={.clusters[0].cluster.certificate-authority-data}',
  );
  dir = mkdtempSync(join(tmpdir(), 'berth-sa-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    `apiVersion: v1
kind: Config
clusters: [{name: test, cluster: {server: "${server}", certificate-authority-data: "${ca}"}}]
users: [{name: viewer, user: {token: "${token}"}}]
contexts: [{name: viewer, context: {cluster: test, user: viewer, namespace: ${ns}}}]
current-context: viewer
`,
    { mode: 0o600 },
  );
  limited = { context: 'viewer', kubeconfig };
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  await deleteNamespaces(ns);
  await cluster?.stop();
});

describe('RBAC for a ServiceAccount bound to a namespaced Role', () => {
  it('answers each check, with a one-line reason for a no', async () => {
    const answers = await t.api.kube.access({
      ...limited,
      checks: [
        { verb: 'get', group: 'apps', resource: 'deployments', namespace: ns, name: 'web' },
        { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: ns, name: 'web' },
        { verb: 'delete', group: 'apps', resource: 'deployments', namespace: ns, name: 'web' },
        { verb: 'list', group: '', resource: 'pods', namespace: 'default' },
        { verb: 'list', group: 'apps', resource: 'deployments' },
      ],
    });
    expect(answers.map((a) => a.allowed)).toEqual([true, true, false, false, false]);
    expect(answers[2]?.reason).toBe(`You may not delete deployments in ${ns}.`);
    expect(answers[3]?.reason).toBe('You may not list pods in default.');
    expect(answers[4]?.reason).toBe('You may not list deployments (cluster-wide).');
    // The same checks for the admin of the cluster: all allowed.
    const admin = await t.api.kube.access({
      context: cluster.context,
      kubeconfig: cluster.kubeconfig,
      checks: [{ verb: 'delete', group: 'apps', resource: 'deployments', namespace: ns }],
    });
    expect(admin[0]?.allowed).toBe(true);
  });

  it('lists the rules it has in its namespace', async () => {
    const rules = await t.api.kube.accessRules({ ...limited, namespace: ns });
    expect(rules.resourceRules).toContainEqual(
      expect.objectContaining({ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'patch'] }),
    );
    const elsewhere = await t.api.kube.accessRules({ ...limited, namespace: 'default' });
    expect(elsewhere.resourceRules.some((r) => r.resources.includes('deployments'))).toBe(false);
  });

  it('does what it may (read, scale) and is refused the rest with the RBAC hint', async () => {
    const ref = { ...limited, group: 'apps', version: 'v1', resource: 'deployments', namespace: ns, name: 'web' };
    expect((await t.api.kube.objectYaml(ref)).kind).toBe('Deployment');
    expect(await t.api.kube.scaleObject({ ...ref, replicas: 2 })).toEqual({ replicas: 2 });
    expect(await jsonpath('deployment/web', ns, '.spec.replicas')).toBe('2');
    const denied = await apiError(t.api.kube.deleteObject({ ...ref, propagationPolicy: 'Background' }));
    expect(denied.message).toMatch(/^Forbidden: .*cannot delete resource "deployments"/);
    expect(denied.hint).toMatch(/RBAC/);
    expect(await jsonpath('deployment/web', ns, '.metadata.name')).toBe('web');
    const restart = await apiError(t.api.kube.rolloutRestart(ref));
    expect(restart.message).toMatch(/Forbidden/);
  });

  it('is refused a list it may not read with a forbidden error the resource table stops retrying on', async () => {
    const input = { ...limited, group: '', version: 'v1', resource: 'secrets', namespace: ns };
    const ended = await new Promise<ApiErrorShape | undefined>((resolve) => {
      t.api.kube.objects.subscribe(input, { onEvent: () => resolve(undefined), onEnd: resolve });
    });
    expect(ended?.message).toMatch(/^Forbidden: .*cannot list resource "secrets"/);
    expect(isForbidden(ended)).toBe(true);
    // The kinds it may list answer as usual.
    const pods = await new Promise<string>((resolve, reject) => {
      const s = t.api.kube.objects.subscribe(
        { ...input, resource: 'pods' },
        {
          onEvent: (e) => {
            s.unsubscribe();
            resolve(e.type);
          },
          onEnd: (error) => reject(new Error(error?.message ?? 'ended')),
        },
      );
    });
    expect(pods).toBe('snapshot');
  });
});
