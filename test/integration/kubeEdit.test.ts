/**
 * YAML edit against the real API server (kwok control plane): read without managedFields, a server-side
 * dry-run with its diff that changes nothing, a conflict when someone changed the object meanwhile (rebase
 * keeps both changes; overwrite wins), the API server's validation errors at their field and line (a
 * required field, an immutable field), a YAML syntax error, and create from a form.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { YAML_BOMB } from '../helpers/hostileYaml';
import { startTestBackend, type TestBackend } from '../helpers/inProcessClient';
import {
  deleteNamespaces,
  kubectl,
  testNamespace,
  useKubeCluster,
  withControllersPaused,
  type KubeCluster,
} from '../helpers/kubeCluster';
import { deploymentYaml, jsonpath, kubectlApply, refOf } from '../helpers/kubeObjects';
import type { SaveYamlOutcome } from '../../contract/kubeActions';

let cluster: KubeCluster;
let t: TestBackend;
let ns: string;

beforeAll(async () => {
  cluster = await useKubeCluster();
  t = startTestBackend();
  ns = testNamespace();
  await kubectl('create', 'namespace', ns);
}, 40 * 60_000);

afterAll(async () => {
  t?.close();
  await deleteNamespaces(ns);
  await cluster?.stop();
});

const only = <K extends SaveYamlOutcome['outcome']>(out: SaveYamlOutcome, outcome: K) => {
  expect(out.outcome, JSON.stringify(out).slice(0, 600)).toBe(outcome);
  return out as Extract<SaveYamlOutcome, { outcome: K }>;
};

describe('YAML edit against the API server', () => {
  it('reads, dry-runs with a diff (nothing changes), then saves', async () => {
    await kubectlApply(deploymentYaml(ns, 'web', 1));
    const ref = refOf(cluster, 'deployments', ns, 'web');
    const read = await t.api.kube.objectYaml(ref);
    expect(read.kind).toBe('Deployment');
    expect(read.yaml).not.toContain('managedFields');
    expect(read.yaml).toContain(`resourceVersion: "${read.resourceVersion}"`);
    const edited = read.yaml.replace(/^ {2}replicas: 1$/m, '  replicas: 3');
    expect(edited).not.toBe(read.yaml);

    const dry = only(await t.api.kube.saveYaml({ ...ref, yaml: edited, baseYaml: read.yaml, dryRun: true }), 'dryRun');
    expect(dry.changed).toBe(true);
    expect(dry.diff.filter((l) => l.op === 'add').map((l) => l.text.trim())).toContain('replicas: 3');
    expect(dry.diff.filter((l) => l.op === 'remove').map((l) => l.text.trim())).toContain('replicas: 1');
    expect(await jsonpath('deployment/web', ns, '.spec.replicas')).toBe('1');

    const saved = only(
      await t.api.kube.saveYaml({ ...ref, yaml: edited, baseYaml: read.yaml, dryRun: false }),
      'saved',
    );
    expect(await jsonpath('deployment/web', ns, '.spec.replicas')).toBe('3');
    expect(saved.resourceVersion).not.toBe(read.resourceVersion);
  });

  it('shows a conflict when the object changed meanwhile; rebase keeps both changes, overwrite wins', async () => {
    await kubectlApply(deploymentYaml(ns, 'conflict', 1));
    const ref = refOf(cluster, 'deployments', ns, 'conflict');
    const base = await t.api.kube.objectYaml(ref);
    const mine = base.yaml.replace(/^ {2}replicas: 1$/m, '  replicas: 2');
    // Someone else labels it meanwhile.
    await kubectl('label', '-n', ns, 'deployment/conflict', 'team=blue');

    const dry = only(await t.api.kube.saveYaml({ ...ref, yaml: mine, baseYaml: base.yaml, dryRun: true }), 'conflict');
    expect(dry.clashes).toEqual([]);
    expect(dry.theirChanges.some((l) => l.op === 'add' && l.text.includes('team: blue'))).toBe(true);
    expect(dry.serverYaml).toContain('team: blue');
    const rebased = dry.rebasedYaml ?? '';
    expect(rebased).toContain('team: blue');
    expect(rebased).toMatch(/^ {2}replicas: 2$/m);
    expect(rebased).toContain(`resourceVersion: "${dry.serverResourceVersion}"`);
    only(await t.api.kube.saveYaml({ ...ref, yaml: rebased, baseYaml: dry.serverYaml, dryRun: false }), 'saved');
    expect(await jsonpath('deployment/conflict', ns, '.spec.replicas')).toBe('2');
    expect(await jsonpath('deployment/conflict', ns, '.metadata.labels.team')).toBe('blue');

    // Both change replicas: a clash, no rebase offered; overwrite puts mine in.
    const base2 = await t.api.kube.objectYaml(ref);
    const mine2 = base2.yaml.replace(/^ {2}replicas: 2$/m, '  replicas: 4');
    await kubectl('scale', '-n', ns, 'deployment/conflict', '--replicas=5');
    const clash = only(
      await t.api.kube.saveYaml({ ...ref, yaml: mine2, baseYaml: base2.yaml, dryRun: false }),
      'conflict',
    );
    expect(clash.clashes).toEqual(['spec.replicas']);
    expect(clash.rebasedYaml).toBeUndefined();
    expect(await jsonpath('deployment/conflict', ns, '.spec.replicas')).toBe('5');
    only(
      await t.api.kube.saveYaml({ ...ref, yaml: mine2, baseYaml: base2.yaml, dryRun: false, overwrite: true }),
      'saved',
    );
    expect(await jsonpath('deployment/conflict', ns, '.spec.replicas')).toBe('4');
  });

  it('saves without asking when only the control plane changed the object meanwhile (its revision annotation)', async () => {
    // Opened before the deployment controller first saw it (the race CI met): no revision annotation yet.
    const ref = refOf(cluster, 'deployments', ns, 'quiet');
    const base = await withControllersPaused(async () => {
      await kubectlApply(deploymentYaml(ns, 'quiet', 1));
      return t.api.kube.objectYaml(ref);
    });
    expect(base.yaml).not.toContain('deployment.kubernetes.io/revision');
    const revision = String.raw`.metadata.annotations.deployment\.kubernetes\.io/revision`;
    await expect.poll(() => jsonpath('deployment/quiet', ns, revision), { timeout: 30_000 }).toBe('1');
    // The controller wrote it under the manager name Berth counts as the control plane.
    const managed = JSON.parse(
      await kubectl('get', '-n', ns, 'deployment/quiet', '-o', 'json', '--show-managed-fields'),
    ) as { metadata: { managedFields: { manager: string; fieldsV1?: { 'f:metadata'?: object } }[] } };
    const writer = managed.metadata.managedFields.find((m) =>
      JSON.stringify(m.fieldsV1?.['f:metadata'] ?? {}).includes('f:deployment.kubernetes.io/revision'),
    );
    expect(writer?.manager).toBe('kube-controller-manager');

    const mine = base.yaml.replace(/^ {2}replicas: 1$/m, '  replicas: 2');
    const saved = only(await t.api.kube.saveYaml({ ...ref, yaml: mine, baseYaml: base.yaml, dryRun: false }), 'saved');
    expect(await jsonpath('deployment/quiet', ns, '.spec.replicas')).toBe('2');
    expect(saved.yaml).toContain('deployment.kubernetes.io/revision: "1"');
  });

  it('puts the API server’s validation errors at their field and line', async () => {
    await kubectlApply(deploymentYaml(ns, 'invalid', 1));
    const ref = refOf(cluster, 'deployments', ns, 'invalid');
    // (The deployment controller may still annotate it after this read: the saves below rebase over that.)
    const read = await t.api.kube.objectYaml(ref);
    const lines = read.yaml.split('\n');
    const imageLine = lines.findIndex((l) => l.trim().startsWith('image: berth-fixture/busybox:1')) + 1;
    const noImage = read.yaml.replace('image: berth-fixture/busybox:1', 'image: ""');
    const bad = only(
      await t.api.kube.saveYaml({ ...ref, yaml: noImage, baseYaml: read.yaml, dryRun: true }),
      'invalid',
    );
    expect(bad.message).toMatch(/Required value/);
    expect(bad.causes).toContainEqual(
      expect.objectContaining({ field: 'spec.template.spec.containers[0].image', line: imageLine }),
    );

    // An immutable field: the selector.
    const moved = read.yaml.replace(/matchLabels:\n(\s+)app: invalid/, 'matchLabels:\n$1app: other');
    expect(moved).not.toBe(read.yaml);
    const immutable = only(
      await t.api.kube.saveYaml({ ...ref, yaml: moved, baseYaml: read.yaml, dryRun: true }),
      'invalid',
    );
    const selector = immutable.causes.find((c) => c.field === 'spec.selector');
    expect(selector?.message).toMatch(/immutable/);
    expect(selector?.line).toBe(lines.findIndex((l) => l.trim() === 'selector:') + 1);

    const syntax = only(
      await t.api.kube.saveYaml({ ...ref, yaml: `${read.yaml}\n  bad: [1\n`, baseYaml: read.yaml, dryRun: true }),
      'invalid',
    );
    expect(syntax.message).toMatch(/YAML syntax error at line \d+/);
    expect(syntax.causes[0]?.line).toBeGreaterThan(0);

    const bomb = only(
      await t.api.kube.saveYaml({ ...ref, yaml: YAML_BOMB, baseYaml: read.yaml, dryRun: true }),
      'invalid',
    );
    expect(bomb.message).toMatch(/repeats its YAML aliases/);

    const renamed = only(
      await t.api.kube.saveYaml({
        ...ref,
        yaml: read.yaml.replace('name: invalid', 'name: other'),
        baseYaml: read.yaml,
        dryRun: true,
      }),
      'invalid',
    );
    expect(renamed.message).toMatch(/cannot rename/);
  });

  it('creates a ConfigMap, a Secret, a Job, a Deployment and a Service from a form (dry-run first)', async () => {
    const target = { context: cluster.context, kubeconfig: cluster.kubeconfig, namespace: ns };
    const dry = await t.api.kube.createFromForm({
      ...target,
      dryRun: true,
      form: { kind: 'ConfigMap', name: 'settings', data: { mode: 'fast' } },
    });
    expect(dry.yaml).toContain('mode: fast');
    await expect(kubectl('get', 'configmap', '-n', ns, 'settings')).rejects.toThrow(/NotFound/);
    await t.api.kube.createFromForm({
      ...target,
      form: { kind: 'ConfigMap', name: 'settings', data: { mode: 'fast' } },
    });
    expect(await jsonpath('configmap/settings', ns, '.data.mode')).toBe('fast');

    const secret = await t.api.kube.createFromForm({
      ...target,
      form: { kind: 'Secret', name: 'creds', data: { password: 's3cret-value' } },
    });
    expect(secret.yaml).not.toContain('s3cret-value');
    expect(Buffer.from(await jsonpath('secret/creds', ns, '.data.password'), 'base64').toString()).toBe('s3cret-value');

    const job = await t.api.kube.createFromForm({
      ...target,
      form: { kind: 'Job', name: 'once', image: 'berth-fixture/busybox:1', command: ['echo', 'hi'] },
    });
    expect(job.object).toMatchObject({ group: 'batch', resource: 'jobs', name: 'once', namespace: ns });
    expect(await jsonpath('job/once', ns, '.spec.template.spec.containers[0].command')).toBe('["echo","hi"]');

    await t.api.kube.createFromForm({
      ...target,
      form: { kind: 'Deployment', name: 'api', image: 'berth-fixture/busybox:1', replicas: 2, port: 8080 },
    });
    expect(await jsonpath('deployment/api', ns, '.spec.replicas')).toBe('2');
    await t.api.kube.createFromForm({
      ...target,
      form: { kind: 'Service', name: 'api', type: 'ClusterIP', selector: { app: 'api' }, port: 80, targetPort: 8080 },
    });
    expect(await jsonpath('service/api', ns, '.spec.ports[0].targetPort')).toBe('8080');
  });
});
